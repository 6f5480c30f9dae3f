using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Paraloom.Benchmarks.FrontDoor;
using Paraloom.Benchmarks.Jobs;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Client;

/// <summary>
/// How soon the SDK's <c>WaitAsync</c> sees a private job through (submit, key hand-out, agreement), per transport: HTTP
/// following pushed events, HTTP polling every 250 ms (the event stream refused, as the fallback runs), and the Orleans
/// gateway following the job grain's watch. One real silo in this process (<see cref="FrontDoorSilo"/>); the
/// modes take turns job by job, so each sees the same machine. Prints the latency percentiles and each mode's p50 as a
/// ratio of polling's.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- sdk-wait [jobs per mode]</remarks>
internal static class SdkWaitLatency
{
    public const string Command = "sdk-wait";

    private const int WarmUpRounds = 3;

    public static async Task RunAsync(string[] args)
    {
        var jobs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        await using var silo = await FrontDoorSilo.StartAsync(postgreSqlServer: null, requesters: 1);
        var address = silo.Url;
        using var orleans = await OrleansClientAsync(silo.GatewayPort);
        using var events = new ParaloomClient(new HttpClient { BaseAddress = address });
        using var polling = new ParaloomClient(new HttpClient(new RefuseEventStreams { InnerHandler = new HttpClientHandler() }) { BaseAddress = address });
        (string Name, IParaloomClient Client)[] modes =
        [
            ("HTTP, pushed events", events),
            ($"HTTP, polling every {polling.PollInterval.TotalMilliseconds:0} ms (events refused)", polling),
            ("Orleans gateway, pushed events", orleans.Services.GetRequiredService<IParaloomClient>()),
        ];
        var module = Repository.Program("echo");
        using var requester = SecretKey.Generate();
        var latencies = modes.Select(_ => new double[jobs]).ToArray();
        for (var round = -WarmUpRounds; round < jobs; round++)
        {
            for (var mode = 0; mode < modes.Length; mode++)
            {
                var elapsed = await RunJobAsync(modes[mode].Client, module, requester);
                if (round >= 0)
                {
                    latencies[mode][round] = elapsed;
                }
            }
        }
        Print(jobs, modes.Select(mode => mode.Name).ToArray(), latencies);
        await orleans.StopAsync();
    }

    /// <summary>Submit to final, in milliseconds, for a private echo job waited on with the key the client kept.</summary>
    private static async Task<double> RunJobAsync(IParaloomClient client, byte[] module, SecretKey requester)
    {
        using var job = Job.Builder().Wasm(module).PrivateInput([1, 2, 3], requester.PublicKey).WithOwnershipProof(requester).Build();
        var started = Stopwatch.GetTimestamp();
        var jobId = await client.SubmitAsync(job);
        var final = await client.WaitAsync(jobId);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return final.State == JobState.Finalised ? elapsed : throw new InvalidOperationException($"Job {jobId} ended {final.State}.");
    }

    private static async Task<IHost> OrleansClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(cluster => cluster.GatewayPort = gatewayPort));
        builder.Services.AddParaloomClient(options => options.Transport = ParaloomTransport.Orleans);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static void Print(int jobs, string[] modes, double[][] latencies)
    {
        foreach (var values in latencies)
        {
            Array.Sort(values);
        }
        var pollingMedian = PrivateJobThroughput.Percentile(latencies[1], 0.50);
        Console.WriteLine($"private echo jobs, K = 3, submit to final through the SDK, {jobs} per mode taking turns, {Environment.ProcessorCount} cores");
        Console.WriteLine("| transport | p50 (ms) | p90 (ms) | max (ms) | p50 / polling's |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var mode = 0; mode < modes.Length; mode++)
        {
            var sorted = latencies[mode];
            var median = PrivateJobThroughput.Percentile(sorted, 0.50);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {modes[mode]} | {median:0.0} | {PrivateJobThroughput.Percentile(sorted, 0.90):0.0} | {sorted[^1]:0.0} | {median / pollingMedian:0.00} |"));
        }
    }

    /// <summary>Answers the job event stream with 429, as a silo at its cap of open watches does: the SDK then polls.</summary>
    private sealed class RefuseEventStreams : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
