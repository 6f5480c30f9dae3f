using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Paraloom.ClusterTls;

/// <summary>
/// What a certificate of the cluster authority lets its holder be. The role is the certificate's extended key usage: a
/// silo serves (server authentication) and also dials other silos (client authentication); a gateway client only dials
/// (client authentication). So a client's certificate never opens the silo-to-silo port, and a silo's never the gateway.
/// </summary>
internal enum ClusterCertificateRole
{
    /// <summary>A silo: server and client authentication.</summary>
    Silo,

    /// <summary>An Orleans gateway client: client authentication only.</summary>
    Client,
}

internal static class ClusterCertificateRoles
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>The extended key usages a certificate of <paramref name="role"/> is issued with.</summary>
    public static OidCollection Usages(ClusterCertificateRole role) => role == ClusterCertificateRole.Silo
        ? [ServerAuthentication, ClientAuthentication]
        : [ClientAuthentication];

    /// <summary>The role <paramref name="certificate"/> was issued for, or null for usages no role has.</summary>
    public static ClusterCertificateRole? Of(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        if (usages is null)
        {
            return null;
        }
        var values = usages.Cast<Oid>().Select(oid => oid.Value).ToHashSet();
        return values.SetEquals([ServerAuthentication.Value, ClientAuthentication.Value]) ? ClusterCertificateRole.Silo
            : values.SetEquals([ClientAuthentication.Value]) ? ClusterCertificateRole.Client
            : null;
    }
}
