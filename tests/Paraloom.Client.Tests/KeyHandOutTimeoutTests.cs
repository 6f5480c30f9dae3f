using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>The key hand-out timeout, on a silo configured to reach it quickly.</summary>
public sealed class KeyHandOutTimeoutTests(ImpatientSiloServer silo) : IClassFixture<ImpatientSiloServer>, IDisposable
{
    private readonly ParaloomClient _client = silo.NewClient();
    private readonly SecretKey _requester = SecretKey.Generate();

    // Only turns a hang into a failure: every wait below ends on a condition long before.
    private readonly CancellationTokenSource _patience = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _client.Dispose();
        _requester.Dispose();
        _patience.Dispose();
    }

    [Fact]
    public async Task A_job_whose_keys_are_never_handed_out_is_rejected_and_waiting_throws_the_reason()
    {
        var job = Job.Builder().Wasm(SiloServer.Program("echo")).PrivateInput([1, 2], _requester.PublicKey).WithOwnershipProof(_requester).Build();
        var jobId = await _client.SubmitAsync(job);
        while ((await _client.GetStatusAsync(jobId, _patience.Token)).State != JobState.Rejected)
        {
            await Task.Delay(50, _patience.Token);
        }

        var rejected = await Assert.ThrowsAsync<JobRejectedException>(() => _client.WaitAsync(jobId, _requester, cancellationToken: _patience.Token));

        Assert.Equal(jobId, rejected.JobId);
        Assert.Contains("hand out", rejected.Reason);
    }
}
