using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// Scale-out: the same load of public K = 3 jobs on clusters of 1, 2 and 3 silo processes
/// (<c>paraloom localnet --silos N</c>, each on a fresh database of the given PostgreSQL server), submitted round-robin
/// to every silo's API with a fixed number in flight. Prints jobs/s, the speed-up over one silo and the per-silo
/// efficiency (speed-up / N). On a machine with fewer cores than silos × execution threads, silos share the CPU, so
/// the efficiency shows the cluster's overhead, not added capacity.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- cluster-scale-out CONNECTION [jobs] [in-flight] [max-silos]</remarks>
internal static partial class ClusterScaleOut
{
    public const string Command = "cluster-scale-out";

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException($"usage: {Command} CONNECTION [jobs] [in-flight] [max-silos] (a PostgreSQL server to create databases on)");
        }
        var server = args[1];
        var jobs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var inFlight = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 6;
        var maxSilos = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        using var requester = SecretKey.Generate();
        var module = await File.ReadAllBytesAsync(Repository.ProgramPath("sum"));
        var input = new byte[4 * 200_000];
        new Random(7).NextBytes(input);

        var rows = new List<(int Silos, double JobsPerSecond, double P50, double P99)>();
        for (var silos = 1; silos <= maxSilos; silos++)
        {
            var database = await CreateDatabaseAsync(server, silos);
            var data = Directory.CreateTempSubdirectory("paraloom-scale-out-").FullName;
            using var cluster = await StartClusterAsync(silos, data, database);
            var clients = cluster.Urls.Select(url => new ParaloomClient(url)).ToList();
            Job NewJob() => Job.Builder().Wasm(module).Input(input).RequestedBy(requester).Build();
            await RunLoadAsync(clients, NewJob, Math.Max(silos * 3, inFlight), inFlight);    // warm-up: modules compiled, grains placed
            var started = Stopwatch.GetTimestamp();
            var latencies = await RunLoadAsync(clients, NewJob, jobs, inFlight);
            var elapsed = Stopwatch.GetElapsedTime(started);
            latencies.Sort();
            rows.Add((silos, jobs / elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]));
            foreach (var client in clients)
            {
                client.Dispose();
            }
            await cluster.StopAsync();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine($"| silos | jobs/s | speed-up | per-silo efficiency | p50 (s) | p99 (s) |    ({jobs} public K = 3 sum jobs of 800 KB, {inFlight} in flight, {Environment.ProcessorCount} cores)");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (silos, jobsPerSecond, p50, p99) in rows)
        {
            var speedUp = jobsPerSecond / rows[0].JobsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {silos} | {jobsPerSecond:0.00} | {speedUp:0.00}× | {speedUp / silos:0.00} | {p50:0.00} | {p99:0.00} |"));
        }
    }

    /// <summary>Submits <paramref name="count"/> jobs round-robin over the silos, <paramref name="inFlight"/> at a time; returns each one's seconds.</summary>
    private static async Task<List<double>> RunLoadAsync(IReadOnlyList<ParaloomClient> clients, Func<Job> newJob, int count, int inFlight)
    {
        var latencies = new List<double>();
        var next = -1;
        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var client = clients[index % clients.Count];
                var started = Stopwatch.GetTimestamp();
                var id = await client.SubmitAsync(newJob()).WaitAsync(Bound);
                var final = await client.WaitAsync(id).WaitAsync(Bound);
                if (final.State != JobState.Finalised)
                {
                    throw new InvalidOperationException($"{id} ended {final.State}: {final.Reason}");
                }
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Worker()));
        return latencies;
    }

    private static async Task<string> CreateDatabaseAsync(string server, int silos)
    {
        var database = $"paraloom_scale_{silos}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{database}\";";
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// <c>localnet --silos N</c>; one silo is <c>localnet --member silo-1</c>, so it too runs PostgreSQL clustering and
    /// the rows compare like with like.
    /// </summary>
    private static async Task<ClusterProcess> StartClusterAsync(int silos, string data, string database)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = silos == 1
            ? ["localnet", "--member", "silo-1", "--port", "0", "--data", Path.Combine(data, "silo-1"), "--postgres", database]
            : ["localnet", "--silos", silos.ToString(CultureInfo.InvariantCulture), "--port", "0", "--data", data, "--postgres", database];
        start.ArgumentList.Add(CliPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var urls = new List<Uri>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }
            if (MemberLine().Match(text) is { Success: true } member)
            {
                urls.Add(new Uri(member.Groups["url"].Value));
            }
            else if (ListeningLine().Match(text) is { Success: true } listeningLine)
            {
                if (urls.Count == 0)
                {
                    urls.Add(new Uri(listeningLine.Groups["url"].Value));
                }
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(Bound);
        return new ClusterProcess(process, urls);
    }

    /// <summary>The CLI built in the same configuration as this bench (its project reference builds it).</summary>
    private static string CliPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Repository.PathOf("src", "Paraloom.Cli", "bin", output.Parent!.Name, output.Name, "paraloom.dll");
    }

    private sealed class ClusterProcess(Process process, IReadOnlyList<Uri> urls) : IDisposable
    {
        public IReadOnlyList<Uri> Urls { get; } = urls;

        public async Task StopAsync()
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        public void Dispose() => process.Dispose();
    }

    [GeneratedRegex(@"^\s+silo-\d+: (?<url>\S+) \(")]
    private static partial Regex MemberLine();

    [GeneratedRegex("listening on (?<url>\\S+)")]
    private static partial Regex ListeningLine();
}
