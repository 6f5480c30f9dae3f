using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Paraloom.Cli.Commands;
using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Compute.Agreement;
using Paraloom.ClusterTls;
using Paraloom.Grains;
using Paraloom.Privacy;
using SignedJobStatement = Paraloom.Compute.SignedJobStatement;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The cluster's edge on real processes: <c>paraloom localnet --silos 2</c> on PostgreSQL, its Orleans ports under mutual
/// TLS with the authority localnet made. A silo of another authority never joins; a connection to the gateway with no
/// certificate, another authority's or a silo's, and one to the silo port with a client's or another authority's, is
/// refused at the handshake; a client with the cluster's
/// client certificate runs an honest job over the gateway but is refused (403 <c>call-not-allowed</c>) when it calls an
/// internal grain method, also one of a grain on the other silo than its gateway's, and a watch past its one allowed
/// (the silos run with one watch per gateway client) is refused with 429 <c>too-many-watches</c>. A job id submitted
/// under its requester's key with another key's signature is refused (422 <c>invalid-statement</c>) over HTTP and the
/// gateway and stores nothing, so the requester's own submission of that id still runs. Endless jobs sent to both silos
/// drain no validator's reputation.
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
            // One watch per gateway client, so a second one is refused (everything else keeps its defaults).
            Processes = await LocalClusterProcess.StartAsync(2, Data, PostgreSql, new Dictionary<string, string>
            {
                ["PARALOOM_GATEWAYLIMITS__JOBWATCHESPERCLIENT"] = "1",
            });
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
    public async Task A_client_on_one_silos_gateway_runs_an_honest_job_but_cannot_call_an_internal_method_of_a_validator_the_other_silo_hosts()
    {
        // Only the second silo's gateway: every call to a grain of the first crosses from one silo to the other.
        using var host = await ConnectAsync(Files(cluster.Tls, ClusterTlsSetup.LocalClientName), cluster.Processes.Silos[1].GatewayPort)
            .WaitAsync(Bound);
        var client = host.Services.GetRequiredService<IParaloomClient>();
        using var requester = SecretKey.Generate();
        var jobId = await client.SubmitAsync(Job.Builder()
            .Wasm(File.ReadAllBytes(Repository.ProgramPath("echo"))).Input("through silo-2"u8).RequestedBy(requester).Build()).WaitAsync(Bound);
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(jobId).WaitAsync(Bound)).State);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var registry = grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);
        var victim = (await registry.GetValidatorsAsync()).First(validator => validator.SiloId == cluster.Processes.Silos[0].Name);
        var validator = grains.GetGrain<IValidatorGrain>(victim.ValidatorId);

        var refusal = await Assert.ThrowsAsync<CallNotAllowedException>(
            () => validator.ApplyReputationAsync(new ReputationOutcome("invented", 1, MemberConduct.Equivocated)));
        Assert.Equal((403, "call-not-allowed"), (Refusal.Of(refusal)!.Status, Refusal.Of(refusal)!.Error));
        await Assert.ThrowsAsync<CallNotAllowedException>(() => validator.GetInfoAsync());
        await Assert.ThrowsAsync<CallNotAllowedException>(() => registry.RegisterAsync(victim with { PublicKey = requester.PublicKey }, SiloAddress.Zero));
        await Assert.ThrowsAsync<CallNotAllowedException>(() => registry.ReportReputationAsync(victim.ValidatorId, 0));
        var after = (await registry.GetValidatorsAsync()).Single(listed => listed.ValidatorId == victim.ValidatorId);
        Assert.Equal((victim.Reputation, victim.PublicKey), (after.Reputation, after.PublicKey));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_gateway_client_past_its_watches_is_refused_with_429_by_the_silo_of_the_job()
    {
        using var host = await ConnectAsync(Files(cluster.Tls, ClusterTlsSetup.LocalClientName)).WaitAsync(Bound);
        var client = host.Services.GetRequiredService<IParaloomClient>();
        using var requester = SecretKey.Generate();
        using var job = Job.Builder().Wasm(File.ReadAllBytes(Repository.ProgramPath("echo"))).PrivateInput([3], requester.PublicKey)
            .WithOwnershipProof(requester).Build();
        var jobId = await client.SubmitAsync(job).WaitAsync(Bound);
        // Awaiting the keys nobody hands out, the job keeps still: each watch waits its longest unless it is refused.
        var version = await AwaitingKeysAsync(client, jobId);
        var watched = host.Services.GetRequiredService<IClusterClient>().GetGrain<IComputeJobGrain>(jobId);
        using var stop = new CancellationTokenSource();

        var watches = new[] { watched.WaitForChangeAsync(version, JobWatch.MaxWait, stop.Token), watched.WaitForChangeAsync(version, JobWatch.MaxWait, stop.Token) };
        var refused = await Task.WhenAny(watches).WaitAsync(Bound);
        await stop.CancelAsync();

        var refusal = await Assert.ThrowsAsync<ClientLimitException>(() => refused);
        Assert.Equal((429, ClientLimitException.TooManyWatches), (Refusal.Of(refusal)!.Status, Refusal.Of(refusal)!.Error));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watches.Single(watch => watch != refused)).WaitAsync(Bound);
        await host.StopAsync();
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

    [Fact]
    public async Task A_job_id_squatted_under_its_requesters_key_is_refused_on_both_transports_and_stays_the_requesters_to_submit()
    {
        using var victim = SecretKey.Generate();
        using var squatter = SecretKey.Generate();
        var module = File.ReadAllBytes(Repository.ProgramPath("echo"));
        using var job = Job.Builder().Id("squatted").Wasm(module).Input("the victim's"u8).RequestedBy(victim).Build();
        // The victim's statement with the only signature a squatter can make over it: its own.
        var forged = squatter.Sign(job.Statement.Statement.Hash());

        using var http = new ParaloomClient(new HttpClient(new SignatureSwap(forged.ToHex()) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = cluster.Processes.Silos[0].Url,
        });
        var overHttp = await Assert.ThrowsAsync<ValidationException>(() => http.SubmitAsync(job)).WaitAsync(Bound);
        Assert.Equal((422, "invalid-statement"), (overHttp.Status, overHttp.Error));
        using var host = await ConnectAsync(Files(cluster.Tls, ClusterTlsSetup.LocalClientName), cluster.Processes.Silos[1].GatewayPort)
            .WaitAsync(Bound);
        var squatted = JobSubmission.Public(new SignedJobStatement(job.Statement.Statement, forged), module, "the victim's"u8);
        var overGateway = await Assert.ThrowsAsync<JobSubmissionException>(
            () => host.Services.GetRequiredService<IClusterClient>().GetGrain<IComputeJobGrain>(job.Id).SubmitAsync(squatted)).WaitAsync(Bound);
        Assert.Equal((422, "invalid-statement"), (Refusal.Of(overGateway)!.Status, Refusal.Of(overGateway)!.Error));
        using var reader = new ParaloomClient(cluster.Processes.Silos[1].Url);
        await Assert.ThrowsAsync<JobNotFoundException>(() => reader.GetStatusAsync(job.Id)).WaitAsync(Bound);

        // Nothing was taken: the victim's own submission gets the id, and compute wait and the SDK follow the victim's job.
        var client = host.Services.GetRequiredService<IParaloomClient>();
        Assert.Equal(job.Id, await client.SubmitAsync(job).WaitAsync(Bound));
        var key = KeyFile.WriteNew(victim, Directory.CreateDirectory(Path.Combine(cluster.Data, "victim")).FullName, "victim").SecretKeyPath;
        var waited = await CliRunner.RunAsync("compute", "wait", job.Id, "--key", key, "--server", cluster.Processes.Silos[1].Url.ToString(), "--json")
            .WaitAsync(Bound);
        Assert.True(waited.Exit == 0, waited.Error);
        using var final = JsonDocument.Parse(waited.Output);
        Assert.Equal("Finalised", final.RootElement.GetProperty("state").GetString());
        Assert.Equal(victim.PublicKey, (await client.GetStatusAsync(job.Id).WaitAsync(Bound)).Requester);
        Assert.Equal("the victim's"u8.ToArray(), (await client.GetResultAsync(job.Id, victim).WaitAsync(Bound)).Output.ToArray());
        await host.StopAsync();
    }

    /// <summary>
    /// A TLS client of the port presenting <paramref name="certificate"/> (or none): the silo ends the connection during
    /// the handshake or at once after it (TLS 1.3 checks the client's certificate after the client has finished), before
    /// a byte of Orleans' protocol. An accepted connection would instead wait for the client's Orleans preamble.
    /// </summary>
    /// <summary>
    /// The drain attack across the cluster: endless public jobs under a 1 s wall clock, submitted over plain HTTP to both
    /// silos, so cohorts of both silos' validators time out. Each job is rejected at its first attempt and no validator of
    /// either silo loses reputation.
    /// </summary>
    [Fact]
    public async Task Endless_jobs_sent_to_both_silos_are_rejected_at_their_first_attempt_and_leave_every_reputation_unchanged()
    {
        var clients = cluster.Processes.Silos.Select(silo => new ParaloomClient(silo.Url)).ToList();
        using var attacker = SecretKey.Generate();
        var before = await clients[0].GetValidatorsAsync().WaitAsync(Bound);
        Assert.Equal(cluster.Processes.Silos.Count, before.Select(validator => validator.SiloId).Distinct().Count());

        var drains = await Task.WhenAll(Enumerable.Range(0, 12).Select(index => clients[index % clients.Count].SubmitAsync(Job.Builder()
            .Wasm(EndlessModule.Bytes())
            .Input([1])
            .RequestedBy(attacker)
            .Limits(new JobLimits { Fuel = EndlessModule.Fuel, WallClock = TimeSpan.FromSeconds(1) })
            .Build())));
        var rejections = await Task.WhenAll(drains.Select((id, index) =>
            Assert.ThrowsAsync<JobRejectedException>(() => clients[index % clients.Count].WaitAsync(id).WaitAsync(TimeSpan.FromMinutes(4)))));

        Assert.All(rejections, rejected => Assert.Equal("wall-clock-limit", rejected.Code));
        foreach (var id in drains)
        {
            Assert.Equal(1, (await clients[1].GetStatusAsync(id)).Attempt);
        }
        var after = await clients[1].GetValidatorsAsync().WaitAsync(Bound);
        Assert.Equal(
            before.Select(validator => (validator.ValidatorId, validator.Reputation)).OrderBy(entry => entry.ValidatorId),
            after.Select(validator => (validator.ValidatorId, validator.Reputation)).OrderBy(entry => entry.ValidatorId));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

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

    /// <summary>The version of <paramref name="jobId"/>'s status once it awaits its keys.</summary>
    private static async Task<long> AwaitingKeysAsync(IParaloomClient client, string jobId)
    {
        using var patience = new CancellationTokenSource(Bound);
        while (true)
        {
            var status = await client.GetStatusAsync(jobId, patience.Token);
            if (status.AwaitingKeys)
            {
                return status.Version;
            }
            await Task.Delay(50, patience.Token);
        }
    }

    /// <summary>
    /// An Orleans client of the cluster with these TLS files, or none: its gateways from the membership table, or only the
    /// one on <paramref name="gatewayPort"/>.
    /// </summary>
    private async Task<IHost> ConnectAsync((string Authority, string Certificate, string Key)? files, int? gatewayPort = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(options =>
        {
            if (gatewayPort is { } port)
            {
                (options.Clustering, options.GatewayPort) = (ParaloomClustering.Localhost, port);
            }
            else
            {
                options.PostgreSqlConnectionString = cluster.PostgreSql;
            }
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

    /// <summary>A squatter's HTTP client: it sends a job's submission with <paramref name="signature"/> in place of the requester's.</summary>
    private sealed class SignatureSwap(string signature) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v1/jobs")
            {
                var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
                body["statement"]!["signature"] = signature;
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
