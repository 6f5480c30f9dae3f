using System.Security.Cryptography.X509Certificates;
using Paraloom.Cli.Commands;
using Paraloom.ClusterTls;
using Paraloom.Silo;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The cluster authority's certificates as localnet makes them: a peer is accepted only with a certificate of the pinned
/// authority in the role its port needs, and a silo with missing or foreign files does not start, saying which.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterTlsMaterialTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-tls-").FullName;

    private string Ours => Path.Combine(_directory, "ours");

    private string Theirs => Path.Combine(_directory, "theirs");

    public ClusterTlsMaterialTests()
    {
        ClusterTlsSetup.PrepareLocalnet(Ours, ["silo-1", "silo-2"]);
        ClusterTlsSetup.PrepareLocalnet(Theirs, ["silo-1"]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_peer_is_accepted_only_with_a_certificate_of_the_pinned_authority_in_the_role_of_its_port()
    {
        var silo = Load(Ours, "silo-1", ClusterCertificateRole.Silo);
        using var otherSilo = Certificate(Ours, "silo-2");
        using var client = Certificate(Ours, ClusterTlsSetup.LocalClientName);
        using var foreignSilo = Certificate(Theirs, "silo-1");
        using var foreignClient = Certificate(Theirs, ClusterTlsSetup.LocalClientName);

        Assert.True(silo.Accepts(otherSilo, ClusterCertificateRole.Silo));
        Assert.True(silo.Accepts(client, ClusterCertificateRole.Client));
        // A client's certificate never opens the silo-to-silo port, nor a silo's the gateway.
        Assert.False(silo.Accepts(client, ClusterCertificateRole.Silo));
        Assert.False(silo.Accepts(otherSilo, ClusterCertificateRole.Client));
        Assert.False(silo.Accepts(foreignSilo, ClusterCertificateRole.Silo));
        Assert.False(silo.Accepts(foreignClient, ClusterCertificateRole.Client));
        // The other authority itself, presented as a peer, is no member either.
        using var foreignAuthority = Certificate(Theirs, ClusterTlsFiles.AuthorityName);
        Assert.False(silo.Accepts(foreignAuthority, ClusterCertificateRole.Silo));
    }

    [Fact]
    public void Keys_are_owner_only_and_nothing_is_overwritten()
    {
        foreach (var key in Directory.GetFiles(Ours, "*.key"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
        var before = File.ReadAllText(ClusterTlsFiles.CertificatePath(Ours, ClusterTlsFiles.AuthorityName));
        Assert.False(ClusterTlsSetup.CreateAuthority(Ours));
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSetup.Issue(Ours, ClusterCertificateRole.Silo, "silo-1", TimeSpan.FromDays(1)));
        Assert.Equal(before, File.ReadAllText(ClusterTlsFiles.CertificatePath(Ours, ClusterTlsFiles.AuthorityName)));
    }

    [Fact]
    public void A_silo_with_a_missing_file_or_another_authoritys_certificate_does_not_start_and_names_the_setting()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => SiloHost.Create([], options =>
        {
            ClusterTlsSetup.UseFor(options, Ours, "silo-9");
        }));
        Assert.Contains("Paraloom:Tls", missing.Message);
        Assert.Contains("silo-9.crt does not exist", missing.Message);

        var foreign = Assert.Throws<InvalidOperationException>(() => SiloHost.Create([], options =>
        {
            ClusterTlsSetup.UseFor(options, Ours, "silo-1");
            options.Tls.Certificate = ClusterTlsFiles.CertificatePath(Theirs, "silo-1");
            options.Tls.Key = ClusterTlsFiles.KeyPath(Theirs, "silo-1");
        }));
        Assert.Contains("is not a silo certificate issued by the authority", foreign.Message);

        var partial = Assert.Throws<InvalidOperationException>(() => SiloHost.Create([], options => options.Tls.Certificate = "silo.crt"));
        Assert.Contains("Paraloom:Tls:CertificateAuthority must be set", partial.Message);
    }

    private static ClusterTlsMaterial Load(string directory, string name, ClusterCertificateRole role) => ClusterTlsMaterial.Load(
        ClusterTlsFiles.CertificatePath(directory, ClusterTlsFiles.AuthorityName),
        ClusterTlsFiles.CertificatePath(directory, name), ClusterTlsFiles.KeyPath(directory, name), role);

    private static X509Certificate2 Certificate(string directory, string name) =>
        ClusterTlsFiles.ReadCertificate(ClusterTlsFiles.CertificatePath(directory, name));
}
