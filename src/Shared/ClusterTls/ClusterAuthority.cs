using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Paraloom.ClusterTls;

/// <summary>
/// The cluster authority: a self-signed ECDSA P-256 certificate that signs every silo's and gateway client's certificate,
/// made with .NET's own X.509 APIs. Whoever holds its key can admit processes to the cluster: keep it offline.
/// </summary>
internal static class ClusterAuthority
{
    /// <summary>How long a new authority is valid (10 years): rotating it is planned, not forced.</summary>
    public static readonly TimeSpan AuthorityValidity = TimeSpan.FromDays(3650);

    /// <summary>How long a silo's or client's certificate is valid by default (1 year).</summary>
    public static readonly TimeSpan LeafValidity = TimeSpan.FromDays(365);

    // Issued certificates are valid from a little before now, so a peer whose clock is slightly behind accepts them.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A new authority named <paramref name="name"/>, with its private key.</summary>
    public static X509Certificate2 Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now - ClockSkew, now + AuthorityValidity);
    }

    /// <summary>
    /// A certificate for <paramref name="name"/> in <paramref name="role"/>, signed by <paramref name="authority"/> (which
    /// must hold its private key), with a new private key of its own.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, ClusterCertificateRole role, string name, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ClusterCertificateRoles.Usages(role), critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < authority.NotAfter ? now + validity : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var signed = request.Create(authority, now - ClockSkew, notAfter, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Subject(string name)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Paraloom");
        subject.AddCommonName(name);
        return subject.Build();
    }
}
