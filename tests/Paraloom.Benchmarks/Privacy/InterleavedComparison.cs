using System.Diagnostics;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>
/// The privacy operations measured round-robin: every round times a few single calls of each operation in
/// turn, and the table reports each one's fastest and median call. On a shared machine whose load swings
/// within seconds, the fastest of many interleaved calls is the figure least distorted by other processes,
/// and ratios between rows come from the same moments. <see cref="Measure"/> takes any number of builds'
/// operation lists, so an older build can be timed in the same rounds as this one.
/// </summary>
public static class InterleavedComparison
{
    private const int CallsPerRound = 5;
    private const int WarmUpCalls = 200;

    public static void Run(int rounds)
    {
        (string Name, Action Operation)[] operations = PrivacyOperations.Create();
        (double Min, double Median)[] results = Measure([operations.Select(o => o.Operation).ToArray()], rounds)[0];
        Console.WriteLine("| operation | min µs | median µs |");
        Console.WriteLine("|---|---:|---:|");
        for (int i = 0; i < operations.Length; i++)
            Console.WriteLine($"| {operations[i].Name} | {results[i].Min:F1} | {results[i].Median:F1} |");
    }

    /// <summary>
    /// Times builds[b][i] for every operation i and build b, interleaved: within a round, operation i runs on
    /// each build in turn before operation i + 1. Returns each build's (min, median) µs per operation.
    /// </summary>
    public static (double Min, double Median)[][] Measure(IReadOnlyList<Action[]> builds, int rounds)
    {
        int operationCount = builds[0].Length;
        var samples = builds.Select(_ => Enumerable.Range(0, operationCount).Select(_ => new List<double>()).ToArray()).ToArray();
        foreach (Action[] build in builds)
        {
            foreach (Action operation in build)
            {
                for (int warm = 0; warm < WarmUpCalls; warm++) operation();
            }
        }
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < operationCount; i++)
            {
                for (int b = 0; b < builds.Count; b++)
                {
                    for (int call = 0; call < CallsPerRound; call++) samples[b][i].Add(TimeCall(builds[b][i]));
                }
            }
        }
        return samples.Select(build => build.Select(s => (s.Min(), s.Order().ElementAt(s.Count / 2))).ToArray()).ToArray();
    }

    private static double TimeCall(Action operation)
    {
        long start = Stopwatch.GetTimestamp();
        operation();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }
}
