using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>A silo killed and replaced by a new one on the same store: every job carries on from what was stored.</summary>
public abstract class RestartTests : StoreBackedTests
{
    [Fact]
    public async Task AJobInterruptedByACrashResumesToItsFinalStateWithNothingLostOrDoneTwice()
    {
        var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        var requester = cluster.Requester;
        await cluster.SubmitPublicAsync("running", WasmModules.Spin(3_000_000), []);
        await cluster.SubmitPrivateAsync("awaiting-keys", Repository.Program("echo"), "kept secret"u8.ToArray());
        await cluster.KillAsync();

        await cluster.StartAgainAsync();
        var running = await cluster.WaitFinalAsync("running");
        // The requester's key is what hands out the keys after the restart: it lives outside the cluster.
        var status = await cluster.Job("awaiting-keys").GetStatusAsync();
        Assert.Equal(JobState.AwaitingKeys, status.State);
        await cluster.HandOutAsync(status);
        var awaited = await cluster.WaitFinalAsync("awaiting-keys");

        Assert.Equal((JobState.Finalised, 1), (running.State, running.Attempt));
        Assert.Equal((JobState.Finalised, 1), (awaited.State, awaited.Attempt));
        Assert.Equal("kept secret"u8.ToArray(), (await cluster.FetchResultAsync("awaiting-keys")).Decrypt(requester));
        foreach (var jobId in new[] { "running", "awaiting-keys" })
        {
            var quorum = await cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(jobId, 1)).GetSnapshotAsync();
            Assert.Equal(3, quorum.VotesCounted);
        }
        // Each of the three validators agreed twice, once per job, and was credited exactly twice.
        foreach (var validator in await cluster.Registry.GetValidatorsAsync())
        {
            Assert.Equal(Reputation.Initial + 2 * Reputation.AgreedDelta, await cluster.ReputationOfAsync(validator.ValidatorId));
        }
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task AJobsStatusVersionIsStoredWithItsStateSoItNeverGoesBackAfterARestart()
    {
        var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        var submitted = await cluster.SubmitPrivateAsync("versioned", Repository.Program("echo"), "versioned"u8.ToArray());
        await cluster.KillAsync();

        await cluster.StartAgainAsync();
        var resumed = await cluster.Job("versioned").GetStatusAsync();
        Assert.Equal(submitted.Version, resumed.Version);
        await cluster.HandOutAsync(resumed);
        var final = await cluster.WaitFinalAsync("versioned");
        Assert.True(final.Version > resumed.Version);
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task AnAttemptDecidedBeforeACrashStillClosesAtItsDeadlineAfterTheRestart()
    {
        const string silent = "validator-1";
        var cluster = await ComputeCluster.StartAsync(
            validators: 4, conduct: new Dictionary<string, ValidatorConduct> { [silent] = ValidatorConduct.Silent },
            configure: options => options.AttemptGrace = TimeSpan.FromSeconds(4), store: Store, keyDirectory: Keys);
        await cluster.Job("decided").SubmitAsync(JobSubmission.Public(
            "decided", Repository.Program("sum"), ProgramInputs.Numbers(8), cluster.Requester,
            new ResourceLimits { WallClock = TimeSpan.FromSeconds(1) }, replication: 4));
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("decided")).State);
        await cluster.KillAsync();

        await cluster.StartAgainAsync();

        // Only the quorum's durable reminder is left to close the attempt: the job is final and reminds no more.
        await Eventually.ReachesAsync(
            () => cluster.ReputationOfAsync(silent), reputation => reputation == Reputation.Initial + Reputation.TimedOutDelta,
            "the silent member is penalised once the attempt closes after the restart");
        var quorum = await cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("decided", 1)).GetSnapshotAsync();
        Assert.True(quorum.Closed);
        Assert.Equal(3, quorum.VotesCounted);
        await cluster.DisposeAsync();
    }
}

public sealed class SqliteRestartTests : RestartTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => Task.FromResult(TestStores.Sqlite(TemporaryDirectory));
}

public sealed class PostgreSqlRestartTests : RestartTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => TestStores.PostgreSqlAsync("restart");
}
