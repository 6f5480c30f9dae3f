using System.Runtime;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// Warm-up that ends when the JIT has settled, not after a fixed count: batches of jobs run until one compiles fewer
/// than <see cref="SettledMethods"/> new methods (tiered recompilation included), so the rows measure the service, not
/// its start. A cap keeps a pathological run from warming forever; the bench prints what the warm-up took.
/// </summary>
internal static class SteadyState
{
    private const int SettledMethods = 25;
    private const int MaxBatches = 40;

    public static async Task<string> WarmAsync(Func<int, Task> runBatch, int batchJobs)
    {
        var before = JitInfo.GetCompiledMethodCount();
        var batches = 0;
        long compiled;
        do
        {
            var start = JitInfo.GetCompiledMethodCount();
            await runBatch(batchJobs);
            compiled = JitInfo.GetCompiledMethodCount() - start;
            batches++;
        }
        while (compiled >= SettledMethods && batches < MaxBatches);
        return $"{batches * batchJobs} jobs, {JitInfo.GetCompiledMethodCount() - before} methods compiled, {compiled} in the last batch";
    }
}
