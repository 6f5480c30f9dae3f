using Paraloom.ClusterTls;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The cluster authority's files as the CLI makes them (<c>paraloom network init</c>, <c>network issue</c>, and
/// <c>localnet</c> and <c>demo</c> for themselves): one directory with <c>ca.crt</c>, <c>ca.key</c> and a certificate and
/// key per silo and client, every key owner-only.
/// </summary>
internal static class ClusterTlsSetup
{
    /// <summary>The name of the client certificate localnet issues for gateway clients of its cluster.</summary>
    public const string LocalClientName = "client";

    /// <summary>Creates the authority in <paramref name="directory"/>; false if one is there already (never overwritten).</summary>
    public static bool CreateAuthority(string directory)
    {
        if (ClusterTlsFiles.Exists(directory, ClusterTlsFiles.AuthorityName))
        {
            return false;
        }
        using var authority = ClusterAuthority.Create($"Paraloom cluster authority {Guid.NewGuid():N}");
        ClusterTlsFiles.Write(directory, ClusterTlsFiles.AuthorityName, authority);
        return true;
    }

    /// <summary>Issues <paramref name="name"/>'s certificate for <paramref name="role"/> with the authority in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidOperationException">No authority there, or <paramref name="name"/> has a certificate already.</exception>
    public static void Issue(string directory, ClusterCertificateRole role, string name, TimeSpan validity)
    {
        if (name == ClusterTlsFiles.AuthorityName || name.IndexOfAny(['/', '\\']) >= 0 || name.Length == 0)
        {
            throw new UsageException($"'{name}' cannot name a certificate: it needs a plain name other than '{ClusterTlsFiles.AuthorityName}'.");
        }
        if (File.Exists(ClusterTlsFiles.CertificatePath(directory, name)) || File.Exists(ClusterTlsFiles.KeyPath(directory, name)))
        {
            throw new InvalidOperationException($"{ClusterTlsFiles.CertificatePath(directory, name)} exists already; it is never overwritten.");
        }
        using var authority = ClusterTlsFiles.ReadAuthority(directory);
        using var issued = ClusterAuthority.Issue(authority, role, name, validity);
        ClusterTlsFiles.Write(directory, name, issued);
    }

    /// <summary>
    /// What localnet needs in <paramref name="directory"/>, made where missing: the authority, a silo certificate for each
    /// of <paramref name="silos"/> and the client certificate for gateway clients.
    /// </summary>
    public static void PrepareLocalnet(string directory, IEnumerable<string> silos)
    {
        CreateAuthority(directory);
        foreach (var silo in silos.Where(silo => !ClusterTlsFiles.Exists(directory, silo)))
        {
            Issue(directory, ClusterCertificateRole.Silo, silo, ClusterAuthority.LeafValidity);
        }
        if (!ClusterTlsFiles.Exists(directory, LocalClientName))
        {
            Issue(directory, ClusterCertificateRole.Client, LocalClientName, ClusterAuthority.LeafValidity);
        }
    }

    /// <summary>Points the silo's <c>Tls</c> settings at <paramref name="silo"/>'s files in <paramref name="directory"/>.</summary>
    public static void UseFor(SiloOptions options, string directory, string silo)
    {
        options.Tls.CertificateAuthority = ClusterTlsFiles.CertificatePath(directory, ClusterTlsFiles.AuthorityName);
        options.Tls.Certificate = ClusterTlsFiles.CertificatePath(directory, silo);
        options.Tls.Key = ClusterTlsFiles.KeyPath(directory, silo);
    }
}
