using System.Diagnostics;
using System.Globalization;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// Sustained private-job throughput: <c>concurrency</c> requesters each run echo jobs (64 bytes, K = 3) back to
/// back through one in-process Orleans silo on memory storage, until <c>jobs</c> are done. Prints jobs/s and the
/// latency percentiles of every job (BenchmarkDotNet 0.14 reports no p99), after a warm-up.
/// </summary>
/// <remarks>
/// dotnet run -c Release --project tests/Paraloom.Benchmarks -- private-job-throughput [jobs] [concurrency] [validators] [capacity]
/// </remarks>
internal static class PrivateJobThroughput
{
    public const string Command = "private-job-throughput";

    private const int WarmUpJobs = 20;

    public static async Task RunAsync(string[] args)
    {
        var jobs = Argument(args, 0, 400);
        var concurrency = Argument(args, 1, 4);
        var validators = Argument(args, 2, 3);
        // Each K = 3 job holds a slot on three validators. By default every requester's job fits at once; a smaller
        // capacity measures jobs that wait for a free cohort.
        var capacity = Argument(args, 3, Math.Max(4, 2 * (int)Math.Ceiling(3.0 * concurrency / validators)));
        var module = Repository.Program("echo");
        using var requester = SecretKey.Generate();
        await using var cluster = await BenchmarkSilo.StartAsync(validators, capacity);
        var client = new PrivateJobClient(cluster.Client, requester, module);
        var input = new byte[64];

        await RunBatchAsync(client, input, WarmUpJobs, concurrency, "warm");
        var clock = Stopwatch.StartNew();
        var latencies = await RunBatchAsync(client, input, jobs, concurrency, "bench");
        clock.Stop();

        Print(jobs, concurrency, validators, capacity, clock.Elapsed, latencies);
    }

    private static async Task<double[]> RunBatchAsync(PrivateJobClient client, byte[] input, int jobs, int concurrency, string prefix)
    {
        var latencies = new double[jobs];
        var next = -1;
        async Task RequesterAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs)
            {
                var started = Stopwatch.GetTimestamp();
                var output = await client.RunAsync($"{prefix}-{index}", input);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!output.AsSpan().SequenceEqual(input))
                {
                    throw new InvalidOperationException($"Job {prefix}-{index} decrypted to something other than its input.");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(RequesterAsync)));
        return latencies;
    }

    private static void Print(int jobs, int concurrency, int validators, int capacity, TimeSpan elapsed, double[] latencies)
    {
        Array.Sort(latencies);
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"private echo jobs, K = 3, {validators} validators × capacity {capacity}, {concurrency} concurrent requesters, {Environment.ProcessorCount} cores");
        Console.WriteLine("| jobs | wall time (s) | jobs/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(culture,
            $"| {jobs} | {elapsed.TotalSeconds:0.0} | {jobs / elapsed.TotalSeconds:0.0} | {Percentile(latencies, 0.50):0.0} | " +
            $"{Percentile(latencies, 0.95):0.0} | {Percentile(latencies, 0.99):0.0} | {latencies[^1]:0.0} |"));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Argument(string[] args, int position, int fallback)
    {
        if (args.Length <= position + 1)
        {
            return fallback;
        }
        return int.TryParse(args[position + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{PrivateJobThroughput.Command}: argument {position + 1} must be a positive integer, not '{args[position + 1]}'.");
    }
}
