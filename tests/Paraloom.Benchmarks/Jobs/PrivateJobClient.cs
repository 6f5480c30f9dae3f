using Orleans;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>One private job end to end as a requester runs it: submit, hand out keys, wait, fetch with a signed challenge, decrypt.</summary>
internal sealed class PrivateJobClient(IGrainFactory grains, SecretKey requester, byte[] module)
{
    public async Task<byte[]> RunAsync(string jobId, byte[] input)
    {
        var job = grains.GetGrain<IComputeJobGrain>(jobId);
        var status = await job.SubmitAsync(JobSubmission.Confidential(
            jobId, module, requester, PrivateJobInput.Seal(jobId, module, input, requester)));
        while (!status.IsFinal)
        {
            if (status.AwaitingKeys)
            {
                // The first cohort, or a later one for a job that waited for free validators or was retried.
                var handOut = status.Privacy!.HandOut(requester, status.Attempt, status.Cohort);
                status = await job.DeliverKeysAsync(handOut.Attempt, handOut.WrappedKeys, handOut.Signature);
                continue;
            }
            await Task.Delay(1);
            status = await job.GetStatusAsync();
        }
        if (status.State != JobState.Finalised)
        {
            throw new InvalidOperationException($"Job {jobId} ended {status.State}: {status.Reason}");
        }
        var challenge = await job.CreateResultChallengeAsync();
        var result = await job.GetResultAsync(challenge, ResultAuthorization.Sign(requester, jobId, challenge.Nonce.Span));
        return result.Decrypt(requester);
    }
}
