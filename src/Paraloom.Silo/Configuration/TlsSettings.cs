using Paraloom.ClusterTls;

namespace Paraloom.Silo;

/// <summary>
/// Mutual TLS on the silo's Orleans ports (<c>Paraloom:Tls</c>): PEM files of the cluster authority's certificate and of
/// this silo's certificate and private key, from <c>paraloom network init</c> and <c>paraloom network issue --silo</c>.
/// Silos then talk only to silos holding a silo certificate of that authority, and the gateway takes only clients
/// holding a client certificate of it; everything else is refused at the handshake. None set: plain TCP (a silo alone
/// on a private network, or a test cluster in one process).
/// </summary>
public sealed class TlsSettings
{
    /// <summary>The cluster authority's certificate (<c>ca.crt</c>): the only issuer trusted, whatever the machine trusts.</summary>
    public string? CertificateAuthority { get; set; }

    /// <summary>This silo's certificate (<c>NAME.crt</c>), issued by the authority for a silo.</summary>
    public string? Certificate { get; set; }

    /// <summary>This silo's private key (<c>NAME.key</c>, owner-only).</summary>
    public string? Key { get; set; }

    /// <summary>Whether any file is named: then all three are needed.</summary>
    public bool Enabled =>
        !string.IsNullOrWhiteSpace(CertificateAuthority) || !string.IsNullOrWhiteSpace(Certificate) || !string.IsNullOrWhiteSpace(Key);

    /// <summary>Loads and checks the files, or null when TLS is off.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, unreadable or not the authority's silo certificate.</exception>
    internal ClusterTlsMaterial? Load(string section)
    {
        if (!Enabled)
        {
            return null;
        }
        foreach (var (name, value) in new[] { (nameof(CertificateAuthority), CertificateAuthority), (nameof(Certificate), Certificate), (nameof(Key), Key) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException($"{section}:{name} must be set with the other {section} files (TLS needs all three).");
            }
        }
        try
        {
            return ClusterTlsMaterial.Load(CertificateAuthority!, Certificate!, Key!, ClusterCertificateRole.Silo);
        }
        catch (InvalidOperationException invalid)
        {
            throw new InvalidOperationException($"{section}: {invalid.Message}");
        }
    }
}
