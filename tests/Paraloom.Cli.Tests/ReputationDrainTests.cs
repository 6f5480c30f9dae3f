using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The drain attack, tried on a real silo process over plain HTTP: anyone may submit public jobs that loop forever
/// under a short wall clock, so every member of each cohort times out. The job is at fault, not its validators: each
/// is rejected at its first attempt (<c>wall-clock-limit</c>), nobody's reputation moves, and the network still serves
/// an honest job afterwards. Before, each such job cost its members −10 on three attempts and about 30 took a
/// validator below the gate.
/// </summary>
public sealed class ReputationDrainTests : IAsyncLifetime
{
    private const int DrainJobs = 24;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private readonly LocalnetProcess _localnet = new();
    private readonly SecretKey _attacker = SecretKey.Generate();

    public Task InitializeAsync() => _localnet.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _localnet.DisposeAsync();
        _attacker.Dispose();
    }

    [Fact]
    public async Task Endless_public_jobs_under_a_short_wall_clock_leave_every_reputation_unchanged_and_the_network_serving()
    {
        using var client = new ParaloomClient(_localnet.Url);
        var before = await client.GetValidatorsAsync();
        Assert.All(before, validator => Assert.Equal(Reputation.Initial, validator.Reputation));

        var drains = await Task.WhenAll(Enumerable.Range(0, DrainJobs).Select(_ => client.SubmitAsync(Job.Builder()
            .Wasm(EndlessModule.Bytes())
            .Input([1])
            .RequestedBy(_attacker)
            .Limits(new JobLimits { Fuel = EndlessModule.Fuel, WallClock = TimeSpan.FromSeconds(1) })
            .Build())));
        var rejections = await Task.WhenAll(drains.Select(id => Assert.ThrowsAsync<JobRejectedException>(() => client.WaitAsync(id).WaitAsync(Bound))));

        Assert.All(rejections, rejected => Assert.Equal("wall-clock-limit", rejected.Code));
        foreach (var id in drains)
        {
            var status = await client.GetStatusAsync(id);
            Assert.Equal((JobState.Rejected, 1, "wall-clock-limit"), (status.State, status.Attempt, status.RejectionCode));
        }
        var after = await client.GetValidatorsAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, validator => Assert.Equal(Reputation.Initial, validator.Reputation));

        using var requester = SecretKey.Generate();
        var honest = await client.SubmitAsync(Job.Builder()
            .Wasm(File.ReadAllBytes(Repository.ProgramPath("sum")))
            .Input(ProgramInputs.Numbers(20, 22))
            .RequestedBy(requester)
            .Build());
        var final = await client.WaitAsync(honest).WaitAsync(Bound);
        Assert.Equal(JobState.Finalised, final.State);
        var result = await client.GetResultAsync(honest, requester);
        Assert.Equal(42UL, BitConverter.ToUInt64(result.Output.Span));
    }
}
