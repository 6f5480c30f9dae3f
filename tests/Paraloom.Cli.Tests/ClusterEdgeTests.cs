using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Paraloom.Cli.Commands;
using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.ClusterTls;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The cluster's edge on real processes: <c>paraloom localnet --silos 2</c> on PostgreSQL, its Orleans ports under mutual
/// TLS with the authority localnet made. A silo of another authority never joins; a connection to the gateway with no
/// certificate, another authority's or a silo's, and one to the silo port with a client's or another authority's, is
/// refused at the handshake; a client with the cluster's client certificate runs an
/// honest job over the gateway but is refused (403 <c>call-not-allowed</c>) when it calls an internal grain method.
/// </summary>
public sealed class ClusterEdgeTests(ClusterEdgeTests.Cluster cluster) : IClassFixture<ClusterEdgeTests.Cluster>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>One cluster for the class, and a second authority an intruder's files come from.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        public string Data { get; } = Directory.CreateTempSubdirectory("paraloom-edge-").FullName;

        public string Tls => Path.Combine(Data, "tls");

        public string Foreign => Path.Combine(Data, "foreign-tls");

        public string PostgreSql { get; private set; } = null!;

        public LocalClusterProcess Processes { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            PostgreSql = await TestPostgreSql.CreateDatabaseAsync("edge");
            ClusterTlsSetup.PrepareLocalnet(Foreign, ["intruder"]);
            Processes = await LocalClusterProcess.StartAsync(2, Data, PostgreSql);
        }

        public async Task DisposeAsync()
        {
            await Processes.DisposeAsync();
            Directory.Delete(Data, recursive: true);
        }
    }

    [Fact]
    public async Task A_silo_with_a_certificate_of_another_authority_never_joins_the_cluster()
    {
        await using var intruder = LocalnetProcess.Member(
            "intruder", Path.Combine(cluster.Data, "intruder"), cluster.PostgreSql, cluster.Foreign, Path.Combine(cluster.Data, "network"));
        var started = intruder.InitializeAsync();
        using var http = new ParaloomClient(cluster.Processes.Silos[0].Url);
        // Long enough for a silo to join (a member joins in a few seconds here) and be listed.
        var watchUntil = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < watchUntil && !started.IsCompleted)
        {
            var validators = await http.GetValidatorsAsync().WaitAsync(Bound);
            Assert.DoesNotContain(validators, validator => validator.SiloId == "intruder");
            await Task.Delay(1000);
        }
        Assert.False(started.IsCompletedSuccessfully, $"the intruder silo started:\n{intruder.Output}");
        Assert.Equal(cluster.Processes.Silos.Count * LocalSilo.Validators, (await http.GetValidatorsAsync()).Count);
    }

    [Fact]
    public async Task A_connection_without_a_certificate_of_the_authority_for_its_port_is_refused_at_the_handshake()
    {
        var (siloPort, gatewayPort) = (cluster.Processes.Silos[1].SiloPort, cluster.Processes.Silos[1].GatewayPort);
        await AssertRefusedAsync(gatewayPort, null);
        await AssertRefusedAsync(gatewayPort, Certificate(cluster.Foreign, ClusterTlsSetup.LocalClientName));
        // Each port takes one role: a silo's certificate does not open the gateway, nor a client's the silo port.
        await AssertRefusedAsync(gatewayPort, Certificate(cluster.Tls, "silo-1"));
        await AssertRefusedAsync(siloPort, Certificate(cluster.Tls, ClusterTlsSetup.LocalClientName));
        await AssertRefusedAsync(siloPort, Certificate(cluster.Foreign, "intruder"));
    }

    [Fact]
    public async Task A_client_with_the_clusters_client_certificate_runs_an_honest_job_but_cannot_call_an_internal_grain_method()
    {
        using var host = await ConnectAsync(Files(cluster.Tls, ClusterTlsSetup.LocalClientName)).WaitAsync(Bound);
        var client = host.Services.GetRequiredService<IParaloomClient>();
        using var requester = SecretKey.Generate();
        var jobId = await client.SubmitAsync(Job.Builder()
            .Wasm(File.ReadAllBytes(Repository.ProgramPath("echo"))).Input("over the gateway"u8).RequestedBy(requester).Build()).WaitAsync(Bound);
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(jobId).WaitAsync(Bound)).State);
        Assert.Equal("over the gateway"u8.ToArray(), (await client.GetResultAsync(jobId, requester).WaitAsync(Bound)).Output.ToArray());

        var grains = host.Services.GetRequiredService<IClusterClient>();
        var registry = grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);
        var victim = (await registry.GetValidatorsAsync())[0];
        var refusal = await Assert.ThrowsAsync<CallNotAllowedException>(
            () => registry.RegisterAsync(victim with { PublicKey = requester.PublicKey }, SiloAddress.Zero));
        Assert.Equal((403, "call-not-allowed"), (Refusal.Of(refusal)!.Status, Refusal.Of(refusal)!.Error));
        Assert.Equal(victim.PublicKey, (await registry.GetValidatorsAsync()).Single(validator => validator.ValidatorId == victim.ValidatorId).PublicKey);
        await host.StopAsync();
    }

    /// <summary>
    /// A TLS client of the port presenting <paramref name="certificate"/> (or none): the silo ends the connection during
    /// the handshake or at once after it (TLS 1.3 checks the client's certificate after the client has finished), before
    /// a byte of Orleans' protocol. An accepted connection would instead wait for the client's Orleans preamble.
    /// </summary>
    private static async Task AssertRefusedAsync(int port, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        using var patience = new CancellationTokenSource(Bound);
        var ended = false;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "paraloom",
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            }, patience.Token);
            ended = await tls.ReadAsync(new byte[1], patience.Token) == 0;
        }
        catch (Exception refused) when (refused is AuthenticationException or IOException)
        {
            ended = true;
        }
        Assert.True(ended, $"port {port} accepted {certificate?.Subject ?? "no certificate"}");
    }

    private static X509Certificate2 Certificate(string directory, string name) => ClusterTlsFiles.Read(
        ClusterTlsFiles.CertificatePath(directory, name), ClusterTlsFiles.KeyPath(directory, name));

    /// <summary>An Orleans client of the cluster (its gateways from the membership table) with these TLS files, or none.</summary>
    private async Task<IHost> ConnectAsync((string Authority, string Certificate, string Key)? files)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(options =>
        {
            options.PostgreSqlConnectionString = cluster.PostgreSql;
            (options.CertificateAuthorityFile, options.CertificateFile, options.KeyFile) = files ?? default;
        }));
        builder.Services.AddParaloomClient(options => options.Transport = ParaloomTransport.Orleans);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The pinned authority of <paramref name="directory"/> (the one its holder trusts) and <paramref name="name"/>'s files.</summary>
    private static (string, string, string) Files(string directory, string name) => (
        ClusterTlsFiles.CertificatePath(directory, ClusterTlsFiles.AuthorityName),
        ClusterTlsFiles.CertificatePath(directory, name),
        ClusterTlsFiles.KeyPath(directory, name));
}
