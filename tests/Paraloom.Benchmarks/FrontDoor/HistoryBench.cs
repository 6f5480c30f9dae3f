using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Client;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// Whether a job's cost grows with the jobs before it: one silo on the embedded store, R requesters running private
/// echo jobs over HTTP, measured over a window of W jobs once N jobs are behind it and again once M are. Prints both
/// rows and their ratios; a cost flat with history keeps CPU per job and jobs/s within 10%.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- front-door-history [N=1000] [M=5000] [requesters=16] [window=400]</remarks>
internal static class HistoryBench
{
    public const string Command = "front-door-history";

    public static async Task RunAsync(string[] args)
    {
        var first = FrontDoorBench.Argument(args, 1, 1000);
        var second = FrontDoorBench.Argument(args, 2, 5000);
        var requesters = FrontDoorBench.Argument(args, 3, 16);
        var window = FrontDoorBench.Argument(args, 4, 400);
        if (first < window || second <= first)
        {
            throw new ArgumentException("Expected window <= N < M.");
        }
        var module = Repository.Program("echo");
        await using var silo = await FrontDoorSilo.StartAsync(null, requesters);
        using var host = await ClientHost.StartAsync(ParaloomTransport.Http, silo, TimeSpan.FromMilliseconds(10));
        var client = host.Services.GetRequiredService<IParaloomClient>();
        var done = 0;
        Task<Requesters.Run> Jobs(int count)
        {
            var prefix = $"history-{done}";
            done += count;
            return Requesters.RunAsync(client, module, isPrivate: true, requesters, count, prefix);
        }

        var warmUp = await SteadyState.WarmAsync(Jobs, Math.Max(50, 2 * requesters));
        Console.WriteLine($"warmed up after {warmUp}");
        var rows = new List<(int After, Measured Measured, string Load)>();
        foreach (var after in new[] { first, second })
        {
            if (after > done)
            {
                await Jobs(after - done);
            }
            var load = FrontDoorBench.LoadAverage();
            rows.Add((done, await Measured.RunAsync(() => Jobs(window)), load));
        }

        Console.WriteLine($"private echo jobs (64 bytes), K = 3, HTTP, SQLite, {requesters} requesters, {Environment.ProcessorCount} cores, windows of {window} jobs");
        Console.WriteLine($"| after jobs {Measured.Header} load avg (1 min) |");
        Console.WriteLine($"|---:{Measured.Rule}---:|");
        rows.ForEach(row => Console.WriteLine($"| {row.After} {row.Measured.Cells()} {row.Load} |"));
        var (early, late) = (rows[0].Measured, rows[1].Measured);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {rows[1].After} / after {rows[0].After}: CPU per job x{late.CpuMsPerJob / early.CpuMsPerJob:0.00}, jobs/s x{late.JobsPerSecond / early.JobsPerSecond:0.00}"));
    }
}
