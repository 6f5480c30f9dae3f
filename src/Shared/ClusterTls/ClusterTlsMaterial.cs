using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Paraloom.ClusterTls;

/// <summary>
/// One node's TLS material: the cluster authority it pins and its own certificate with the private key. A peer is
/// accepted only with a certificate that chains to that authority alone (never the machine's trust store) and has the
/// role the connection needs.
/// </summary>
internal sealed class ClusterTlsMaterial
{
    private ClusterTlsMaterial(X509Certificate2 authority, X509Certificate2 certificate)
    {
        Authority = authority;
        Certificate = certificate;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Loads and checks the files: the node's certificate must be the authority's, in <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable, or the certificate does not fit.</exception>
    public static ClusterTlsMaterial Load(string authorityPath, string certificatePath, string keyPath, ClusterCertificateRole role)
    {
        var material = new ClusterTlsMaterial(ClusterTlsFiles.ReadCertificate(authorityPath), ClusterTlsFiles.Read(certificatePath, keyPath));
        if (!material.Accepts(material.Certificate, role))
        {
            throw new InvalidOperationException(
                $"{certificatePath} is not a {role.ToString().ToLowerInvariant()} certificate issued by the authority in {authorityPath}, valid now.");
        }
        return material;
    }

    /// <summary>Whether <paramref name="peer"/> is valid now, issued by the pinned authority, for <paramref name="role"/>.</summary>
    public bool Accepts(X509Certificate2 peer, ClusterCertificateRole role)
    {
        if (ClusterCertificateRoles.Of(peer) != role)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(peer)
            && chain.ChainElements.Count == 2
            && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span);
    }

    /// <summary>
    /// Orleans' TLS settings for connections whose other end must be <paramref name="peerRole"/>: this node's certificate
    /// presented, the peer's required and checked by <see cref="Accepts"/>; whatever the platform thinks of the chain or the
    /// host name is not asked (peers are addressed by IP, and the pinned authority is the only trust).
    /// </summary>
    public TlsOptions TlsOptions(ClusterCertificateRole peerRole) => new()
    {
        LocalCertificate = Certificate,
        // Always this node's certificate, even if the server names issuers it does not know.
        LocalClientCertificateSelector = (_, _, _, _, _) => Certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (peer, _, _) => Accepts(peer, peerRole),
    };
}
