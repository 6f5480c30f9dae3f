using System.Diagnostics;
using System.Globalization;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// One measured run of jobs: jobs/s, p50/p99 of the round trip, and process CPU per job split into the requesters'
/// own work (<see cref="Requesters"/>) and the rest, which is the silo's (with the SDK's HTTP or gateway client).
/// </summary>
internal sealed record Measured(int Jobs, double JobsPerSecond, double P50Ms, double P99Ms, double CpuMsPerJob, double RequesterCpuMsPerJob)
{
    public double SiloCpuMsPerJob => CpuMsPerJob - RequesterCpuMsPerJob;

    public static async Task<Measured> RunAsync(Func<Task<Requesters.Run>> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await run();
        clock.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var latencies = result.Latencies;
        Array.Sort(latencies);
        var jobs = latencies.Length;
        return new Measured(jobs, jobs / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            cpuMs / jobs, result.RequesterCpuMs / jobs);
    }

    public const string Header = "| jobs/s | p50 (ms) | p99 (ms) | CPU ms/job | silo | requesters |";

    public const string Rule = "|---:|---:|---:|---:|---:|---:|";

    public string Cells() => string.Create(CultureInfo.InvariantCulture,
        $"| {JobsPerSecond:0.0} | {P50Ms:0.0} | {P99Ms:0.0} | {CpuMsPerJob:0.0} | {SiloCpuMsPerJob:0.0} | {RequesterCpuMsPerJob:0.0} |");

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
