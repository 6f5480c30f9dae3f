using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A final job is kept for the retention period, then removed with its votes and its use of the module; until then
/// it is served.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task AFinalJobAndItsQuorumAreRemovedWhenItsRetentionEnds()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.Retention = TimeSpan.FromSeconds(2));
        await cluster.SubmitPublicAsync("kept", Repository.Program("sum"), ProgramInputs.Numbers(2, 3));
        await cluster.Job("never-keyed").SubmitAsync(JobSubmission.Confidential(
            "never-keyed", Repository.Program("echo"), cluster.Requester,
            PrivateJobInput.Seal("never-keyed", Repository.Program("echo"), [1], cluster.Requester),
            new ResourceLimits { DistributionTimeout = TimeSpan.FromMilliseconds(500) }, validity: cluster.StatementValidity));
        // Still waiting for its keys when the others are removed: the module it shares with "kept" must stay.
        await cluster.Job("waiting").SubmitAsync(JobSubmission.Confidential(
            "waiting", Repository.Program("sum"), cluster.Requester,
            PrivateJobInput.Seal("waiting", Repository.Program("sum"), [1], cluster.Requester),
            new ResourceLimits { DistributionTimeout = TimeSpan.FromMinutes(5) }, validity: cluster.StatementValidity));

        var final = await cluster.WaitFinalAsync("kept");
        var served = await cluster.FetchResultAsync("kept");
        await Eventually.ReachesAsync(
            async () => await Gone("kept") && await Gone("never-keyed"), gone => gone, "both jobs are removed");
        var quorum = await cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("kept", 1)).GetSnapshotAsync();

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(ProgramInputs.Sum(2, 3), served.Output.ToArray());
        Assert.Equal(("", 0), (quorum.JobId, quorum.VotesCounted));
        Assert.Equal(Repository.Program("sum"), await Module("sum").ReadAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Module("echo").ReadAsync());

        IModuleGrain Module(string program) => cluster.Grains.GetGrain<IModuleGrain>(ModuleKey.For(Repository.Program(program)));

        async Task<bool> Gone(string jobId)
        {
            try
            {
                await cluster.Job(jobId).GetStatusAsync();
                return false;
            }
            catch (UnknownJobException)
            {
                return true;
            }
        }
    }
}
