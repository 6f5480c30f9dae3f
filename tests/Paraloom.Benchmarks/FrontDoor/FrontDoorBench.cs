using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paraloom.Client;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// The service through its front door: a real silo in this process, driven by the client SDK over HTTP and over the
/// Orleans gateway with R requesters and N jobs, public and private (echo, 64 bytes, K = 3), on the embedded store and on PostgreSQL. Each
/// transport first warms until the JIT has settled (<see cref="SteadyState"/>). Prints one table of every row (jobs/s,
/// p50, p99, process CPU per job split into silo and requesters, load average), then, for a single requester's private
/// jobs on each store, where a job's time goes (<see cref="PathProfile"/>).
/// </summary>
/// <remarks>
/// dotnet run -c Release --project tests/Paraloom.Benchmarks -- front-door [jobs] [requesters] [poll-ms]
/// PostgreSQL rows run when PARALOOM_BENCH_POSTGRES holds a connection string to a server the benchmark may create
/// databases on. CPU is the whole process's (silo and requesters: the client's sealing, proofs, signatures and
/// decryption included), per job.
/// </remarks>
internal static class FrontDoorBench
{
    public const string Command = "front-door";

    public const string PostgreSqlVariable = "PARALOOM_BENCH_POSTGRES";

    public static async Task RunAsync(string[] args)
    {
        var jobs = Argument(args, 1, 200);
        var many = Argument(args, 2, 16);
        var pollInterval = TimeSpan.FromMilliseconds(Argument(args, 3, 10));
        var module = Repository.Program("echo");
        var postgreSql = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } connection ? connection : null;
        var stores = postgreSql is null ? new[] { ("SQLite", (string?)null) } : [("SQLite", null), ("PostgreSQL", postgreSql)];

        var rows = new List<string>();
        var profiles = new List<Action>();
        foreach (var (store, server) in stores)
        {
            await using var silo = await FrontDoorSilo.StartAsync(server, many);
            foreach (var transport in new[] { ParaloomTransport.Http, ParaloomTransport.Orleans })
            {
                using var host = await ClientHost.StartAsync(transport, silo, pollInterval);
                var client = host.Services.GetRequiredService<IParaloomClient>();
                var warm = 0;
                var warmUp = await SteadyState.WarmAsync(
                    batch => Requesters.RunAsync(client, module, isPrivate: true, many, batch, $"{store}-{transport}-warm{warm++}"), Math.Max(50, 2 * many));
                Console.WriteLine($"{store}, {transport}: warmed up after {warmUp}");
                foreach (var isPrivate in new[] { false, true })
                {
                    foreach (var requesters in new[] { 1, many })
                    {
                        var kind = isPrivate ? "private" : "public";
                        var profile = isPrivate && requesters == 1 ? new PathProfile() : null;
                        var load = LoadAverage();
                        var measured = await Measured.RunAsync(() => Requesters.RunAsync(client, module, isPrivate, requesters, jobs, $"{store}-{transport}-{kind}-{requesters}"));
                        profile?.Dispose();
                        rows.Add($"| {transport} | {store} | {kind} | {requesters} | {jobs} {measured.Cells()} {load} |");
                        if (profile is not null)
                        {
                            profiles.Add(() => profile.Print(jobs, $"Where a private K = 3 job's time goes: {transport}, {store}, one requester, {jobs} jobs"));
                        }
                    }
                }
                await host.StopAsync();
            }
        }

        Console.WriteLine($"echo jobs (64 bytes), K = 3, 3 validators, {Environment.ProcessorCount} cores, the SDK waits on pushed events (its poll fallback: {pollInterval.TotalMilliseconds} ms)");
        if (postgreSql is null)
        {
            Console.WriteLine($"(no PostgreSQL rows: set {PostgreSqlVariable} to a server connection string)");
        }
        Console.WriteLine($"| transport | store | kind | requesters | jobs {Measured.Header} load avg (1 min) |");
        Console.WriteLine($"|---|---|---|---:|---:{Measured.Rule}---:|");
        rows.ForEach(Console.WriteLine);
        profiles.ForEach(print => print());
    }

    /// <summary>The machine's 1-minute load average when the row started: the benchmark shares the machine.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    internal static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
