using System.Diagnostics;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// R requesters, each with a key of its own, running echo jobs back to back through <see cref="IParaloomClient"/> until N
/// are done. A job's latency is the whole round trip a user waits for: build (for a private job: seal and prove),
/// submit, hand the key out, wait for agreement, fetch the result with a signed challenge, decrypt, check.
/// </summary>
internal static class Requesters
{
    public static async Task<double[]> RunAsync(IParaloomClient client, byte[] module, bool isPrivate, int requesters, int jobs, string prefix)
    {
        var latencies = new double[jobs];
        var next = -1;
        async Task RequesterAsync(int index)
        {
            using var requester = SecretKey.Generate();
            var input = BitConverter.GetBytes(index).Concat(new byte[60]).ToArray();
            int job;
            while ((job = Interlocked.Increment(ref next)) < jobs)
            {
                var started = Stopwatch.GetTimestamp();
                await RunOneAsync(client, module, isPrivate, requester, $"{prefix}-{job}", input);
                latencies[job] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, requesters).Select(index => Task.Run(() => RequesterAsync(index))));
        return latencies;
    }

    private static async Task RunOneAsync(IParaloomClient client, byte[] module, bool isPrivate, SecretKey requester, string jobId, byte[] input)
    {
        var builder = Job.Builder().Id(jobId).Wasm(module);
        using var job = (isPrivate ? builder.PrivateInput(input, requester.PublicKey).WithOwnershipProof(requester) : builder.Input(input).RequestedBy(requester)).Build();
        await client.SubmitAsync(job);
        var final = isPrivate ? await client.WaitAsync(jobId, requester) : await client.WaitAsync(jobId);
        if (final.State != JobState.Finalised)
        {
            throw new InvalidOperationException($"Job {jobId} ended {final.State}: {final.Reason}");
        }
        var result = await client.GetResultAsync(jobId, requester);
        var output = isPrivate ? result.Decrypt(requester) : result.Output.ToArray();
        if (!output.AsSpan().SequenceEqual(input))
        {
            throw new InvalidOperationException($"Job {jobId} returned something other than its input.");
        }
    }
}
