using System.Diagnostics;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// R requesters, each with a key of its own, running echo jobs back to back through <see cref="IParaloomClient"/> until N
/// are done. A job's latency is the whole round trip a user waits for: build (for a private job: seal and prove),
/// submit, hand the key out, wait for agreement, fetch the result with a signed challenge, decrypt, check.
/// The requesters' own CPU is their synchronous work (build, seal, prove, decrypt, check) timed on its thread.
/// </summary>
internal static class Requesters
{
    public sealed record Run(double[] Latencies, double RequesterCpuMs);

    public static async Task<Run> RunAsync(IParaloomClient client, byte[] module, bool isPrivate, int requesters, int jobs, string prefix)
    {
        var latencies = new double[jobs];
        var next = -1;
        var requesterCpu = new double[requesters];
        async Task RequesterAsync(int index)
        {
            using var requester = SecretKey.Generate();
            var input = BitConverter.GetBytes(index).Concat(new byte[60]).ToArray();
            int job;
            while ((job = Interlocked.Increment(ref next)) < jobs)
            {
                var started = Stopwatch.GetTimestamp();
                requesterCpu[index] += await RunOneAsync(client, module, isPrivate, requester, $"{prefix}-{job}", input);
                latencies[job] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, requesters).Select(index => Task.Run(() => RequesterAsync(index))));
        return new Run(latencies, requesterCpu.Sum());
    }

    /// <summary>Runs one job; returns the requester's own CPU for it, in milliseconds.</summary>
    private static async Task<double> RunOneAsync(IParaloomClient client, byte[] module, bool isPrivate, SecretKey requester, string jobId, byte[] input)
    {
        var cpu = ThreadCpu.NowMs();
        var builder = Job.Builder().Id(jobId).Wasm(module);
        using var job = (isPrivate ? builder.PrivateInput(input, requester.PublicKey).WithOwnershipProof(requester) : builder.Input(input).RequestedBy(requester)).Build();
        var spent = ThreadCpu.NowMs() - cpu;
        await client.SubmitAsync(job);
        var final = isPrivate ? await client.WaitAsync(jobId, requester) : await client.WaitAsync(jobId);
        if (final.State != JobState.Finalised)
        {
            throw new InvalidOperationException($"Job {jobId} ended {final.State}: {final.Reason}");
        }
        var result = await client.GetResultAsync(jobId, requester);
        cpu = ThreadCpu.NowMs();
        var output = isPrivate ? result.Decrypt(requester) : result.Output.ToArray();
        if (!output.AsSpan().SequenceEqual(input))
        {
            throw new InvalidOperationException($"Job {jobId} returned something other than its input.");
        }
        return spent + ThreadCpu.NowMs() - cpu;
    }
}
