using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// Grain-call latency with the execution scheduler idle and with every execution slot (threads and queue) taken
/// by CPU-bound WebAssembly: the calls must not wait behind executions, which run on threads of their own.
/// Prints p50/p99/max of a registry call and a job-status call in both phases, measured in the same run.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- grain-latency [calls]</remarks>
internal static class GrainLatencyUnderLoad
{
    public const string Command = "grain-latency";

    private const int Validators = 3;
    private const int Capacity = 2;

    /// <summary>A compute ABI module whose <c>run</c> loops until its fuel runs out: pure CPU, no memory traffic.</summary>
    private static readonly byte[] Spinner =
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x60, 0x02, 0x7F, 0x7F,
        0x01, 0x7E, 0x03, 0x03, 0x02, 0x00, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x18, 0x03, 0x06, 0x6D, 0x65, 0x6D, 0x6F,
        0x72, 0x79, 0x02, 0x00, 0x05, 0x61, 0x6C, 0x6C, 0x6F, 0x63, 0x00, 0x00, 0x03, 0x72, 0x75, 0x6E, 0x00, 0x01, 0x0A, 0x11,
        0x02, 0x05, 0x00, 0x41, 0x80, 0x08, 0x0B, 0x09, 0x00, 0x03, 0x40, 0x0C, 0x00, 0x0B, 0x42, 0x00, 0x0B,
    ];

    public static async Task RunAsync(string[] args)
    {
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        using var requester = SecretKey.Generate();
        await using var cluster = await BenchmarkSilo.StartAsync(Validators, Capacity);
        var grains = cluster.Client;
        var scheduler = cluster.Silos[0].ServiceProvider.GetRequiredService<ExecutionScheduler>();
        var registry = grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);
        var limits = new ResourceLimits { Fuel = 10_000_000_000, WallClock = TimeSpan.FromMinutes(2), DistributionTimeout = TimeSpan.FromMinutes(10) };

        // Every validator slot: Validators × Capacity executions, as K = 3 jobs.
        var spinning = Enumerable.Range(1, Validators * Capacity / 3).Select(i => $"spin-{i}").ToList();
        var idle = await MeasureAsync(registry, null, calls);
        foreach (var jobId in spinning)
        {
            await grains.GetGrain<IComputeJobGrain>(jobId).SubmitAsync(JobSubmission.Public(jobId, Spinner, [], requester, limits));
        }
        // All that the validators may be assigned is admitted: every thread runs WebAssembly, the rest queues.
        var assigned = Validators * Capacity;
        while (scheduler.InFlight < assigned)
        {
            await Task.Delay(10);
        }
        var busy = await MeasureAsync(registry, grains.GetGrain<IComputeJobGrain>(spinning[0]), calls);
        var stillBusy = scheduler.InFlight == assigned;

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"grain calls through the cluster client, {calls} sequential calls each, {Environment.ProcessorCount} cores; " +
            $"execution scheduler: {scheduler.ConcurrencyLevel} threads; the validators may be assigned {Validators * Capacity} executions");
        Console.WriteLine("| phase | executions in flight | registry p50 (ms) | registry p99 (ms) | status p50 (ms) | status p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(culture, $"| idle | 0 | {idle.Registry.P50:0.000} | {idle.Registry.P99:0.000} | — | — |"));
        Console.WriteLine(string.Create(culture,
            $"| every slot busy{(stillBusy ? "" : " (slots freed during the run)")} | {assigned} | {busy.Registry.P50:0.000} | {busy.Registry.P99:0.000} | {busy.Status.P50:0.000} | {busy.Status.P99:0.000} |"));
        Console.WriteLine(string.Create(culture, $"busy/idle registry p50: {busy.Registry.P50 / idle.Registry.P50:0.00}×, p99: {busy.Registry.P99 / idle.Registry.P99:0.00}×"));
    }

    private static async Task<(Percentiles Registry, Percentiles Status)> MeasureAsync(
        IValidatorRegistryGrain registry, IComputeJobGrain? job, int calls)
    {
        var registryTimes = new double[calls];
        var statusTimes = new double[job is null ? 1 : calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await registry.GetValidatorsAsync();
            registryTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (job is not null)
            {
                started = Stopwatch.GetTimestamp();
                await job.GetStatusAsync();
                statusTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        return (Percentiles.Of(registryTimes), Percentiles.Of(statusTimes));
    }

    private readonly record struct Percentiles(double P50, double P99)
    {
        public static Percentiles Of(double[] values)
        {
            Array.Sort(values);
            return new(At(values, 0.50), At(values, 0.99));
        }

        private static double At(double[] sorted, double fraction) =>
            sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
