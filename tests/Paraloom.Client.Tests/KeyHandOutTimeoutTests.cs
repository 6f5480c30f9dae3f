namespace Paraloom.Client.Tests;

/// <summary>The key hand-out timeout, on a silo configured to reach it quickly.</summary>
public sealed class KeyHandOutTimeoutTests(ImpatientSiloServer silo) : RequesterTest(silo), IClassFixture<ImpatientSiloServer>
{
    [Fact]
    public async Task A_job_whose_keys_are_never_handed_out_is_rejected_and_waiting_throws_the_reason()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([1, 2], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job);
        while ((await Client.GetStatusAsync(jobId, Patience.Token)).State != JobState.Rejected)
        {
            await Task.Delay(50, Patience.Token);
        }

        var rejected = await Assert.ThrowsAsync<JobRejectedException>(() => Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token));

        Assert.Equal(jobId, rejected.JobId);
        Assert.Contains("hand out", rejected.Reason);
    }
}
