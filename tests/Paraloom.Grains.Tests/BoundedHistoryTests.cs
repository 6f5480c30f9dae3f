using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// What a job leaves in shared state does not grow with the jobs before it: a validator's record of applied outcomes and
/// a module's users keep one size, while an outcome offered again, before or after a restart, is still applied once.
/// </summary>
public abstract class BoundedHistoryTests : StoreBackedTests
{
    private const string Member = "validator-1";

    /// <summary>Five agreements earn what one dissent costs: the reputation stays in range and shows every double count.</summary>
    private static readonly MemberConduct[] Cycle =
        [MemberConduct.Agreed, MemberConduct.Agreed, MemberConduct.Agreed, MemberConduct.Agreed, MemberConduct.Agreed, MemberConduct.Dissented];

    [Fact]
    public async Task AValidatorsAppliedOutcomesKeepOneSizeAndAnOutcomeOfferedAgainAfterARestartIsNotAppliedTwice()
    {
        var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        var outcomes = Enumerable.Range(0, (2 * RecentOutcomes.Capacity / Cycle.Length + 1) * Cycle.Length)
            .Select(index => new ReputationOutcome($"job-{index}", 1, Cycle[index % Cycle.Length]))
            .ToList();
        await ApplyAsync(cluster, outcomes[..Cycle.Length]);
        var firstSize = await StoredSizeAsync("validator");
        await ApplyAsync(cluster, outcomes[Cycle.Length..]);
        var laterSize = await StoredSizeAsync("validator");
        var afterAll = await cluster.ReputationOfAsync(Member);
        // The last outcomes again, as a quorum that stopped before storing that it applied them offers them.
        await ApplyAsync(cluster, outcomes[^Cycle.Length..]);
        var afterRetry = await cluster.ReputationOfAsync(Member);
        await cluster.KillAsync();

        await cluster.StartAgainAsync();
        await ApplyAsync(cluster, outcomes[^Cycle.Length..]);
        var afterRestart = await cluster.ReputationOfAsync(Member);
        await cluster.Validator(Member).ApplyReputationAsync(new ReputationOutcome("job-new", 1, MemberConduct.Agreed));
        var afterNew = await cluster.ReputationOfAsync(Member);

        Assert.Equal(firstSize, laterSize);
        Assert.Equal(Reputation.Initial, afterAll);
        Assert.Equal((afterAll, afterAll), (afterRetry, afterRestart));
        Assert.Equal(afterAll + Reputation.AgreedDelta, afterNew);
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task AModulesUsersKeepOneSizeHoweverManyJobsUsedIt()
    {
        await using var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        await RunJobsAsync(cluster, 0, 2 * ModuleUsers.RememberedJobs);
        var firstSize = await StoredSizeAsync("module-users");
        await RunJobsAsync(cluster, 2 * ModuleUsers.RememberedJobs, 4 * ModuleUsers.RememberedJobs);
        var laterSize = await StoredSizeAsync("module-users");

        Assert.Equal(firstSize, laterSize);
    }

    private static async Task ApplyAsync(ComputeCluster cluster, IEnumerable<ReputationOutcome> outcomes)
    {
        var validator = cluster.Validator(Member);
        foreach (var outcome in outcomes)
        {
            await validator.ApplyReputationAsync(outcome);
        }
    }

    /// <summary>Jobs <c>job-{from}</c> to <c>job-{to - 1}</c>, all with one module, each run to its end.</summary>
    private static async Task RunJobsAsync(ComputeCluster cluster, int from, int to)
    {
        for (var index = from; index < to; index++)
        {
            await cluster.SubmitPublicAsync($"job-{index}", Repository.Program("sum"), ProgramInputs.Numbers((uint)index));
            Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync($"job-{index}")).State);
        }
    }

    /// <summary>The largest stored state of a grain type, in characters (the states are JSON).</summary>
    private async Task<int> StoredSizeAsync(string grainType) =>
        (await TestStores.StoredStatesAsync(Store, grainType)).Max(stored => stored.Length);
}

public sealed class SqliteBoundedHistoryTests : BoundedHistoryTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => Task.FromResult(TestStores.Sqlite(TemporaryDirectory));
}

public sealed class PostgreSqlBoundedHistoryTests : BoundedHistoryTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => TestStores.PostgreSqlAsync("history");
}
