using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>Runs on one cluster shared by the class: job ids differ, and reputation is compared with its value before.</summary>
public sealed class HonestJobTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task PublicJobOfAnHonestCohortFinalisesOnTheFirstAttempt()
    {
        var cluster = shared.Cluster;
        var before = (await cluster.Registry.GetValidatorsAsync()).ToDictionary(validator => validator.ValidatorId, validator => validator.Reputation);
        var submitted = await cluster.SubmitPublicAsync("sum-1", Repository.Program("sum"), ProgramInputs.Numbers(1, 2, 3, 40));
        Assert.Equal(3, submitted.Cohort.Count);
        Assert.Equal(3, submitted.Threshold);

        var final = await cluster.WaitFinalAsync("sum-1");
        var result = await cluster.FetchResultAsync("sum-1");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(1, final.Attempt);
        Assert.Equal(3, final.VotesReceived);
        Assert.Equal(Digests.Ok(ProgramInputs.Sum(1, 2, 3, 40)), final.Digest);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal(ProgramInputs.Sum(1, 2, 3, 40), result.Output.ToArray());
        Assert.True(result.FuelUsed > 0);
        // Fuel at the default price of 1 for each of the 3 executions, and the module and input stored for 7 days at 1 a byte-day.
        var storedBytes = Repository.Program("sum").Length + ProgramInputs.Numbers(1, 2, 3, 40).Length;
        Assert.Equal((UInt128)(ulong)(result.FuelUsed * 3 + storedBytes * 7), result.Fee);
        foreach (var member in final.Cohort)
        {
            Assert.Equal(before[member.ValidatorId] + Reputation.AgreedDelta, await cluster.ReputationOfAsync(member.ValidatorId));
        }
    }

    [Fact]
    public async Task PrivateJobOfAnHonestCohortFinalisesAndOnlyTheRequesterDecryptsIt()
    {
        var cluster = shared.Cluster;
        var secret = "the requester's private numbers"u8.ToArray();
        var submitted = await cluster.SubmitPrivateAsync("echo-1", Repository.Program("echo"), secret);
        Assert.True(submitted.AwaitingKeys);
        Assert.Equal(JobState.AwaitingKeys, submitted.State);

        var final = await cluster.WaitFinalAsync("echo-1");
        var result = await cluster.FetchResultAsync("echo-1");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(1, final.Attempt);
        Assert.True(result.IsPrivate);
        Assert.Equal(secret, result.Decrypt(cluster.Requester));
        Assert.False(result.Output.Span.IndexOf(secret) >= 0, "the stored output must be ciphertext");
        Assert.NotEqual(Digests.Ok(secret), result.Digest);
        using var stranger = Paraloom.Privacy.SecretKey.Generate();
        Assert.Throws<ArgumentException>(() => result.Decrypt(stranger));
    }

    [Fact]
    public async Task TrappingProgramFinalisesAsAnAgreedTrap()
    {
        var cluster = shared.Cluster;
        await cluster.SubmitPublicAsync("trap-1", Repository.Program("trap"), [1, 2, 3]);

        var final = await cluster.WaitFinalAsync("trap-1");
        var result = await cluster.FetchResultAsync("trap-1");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(ExecutionStatus.Trap, result.Status);
        Assert.Equal(TrapCode.Unreachable, result.Trap);
        Assert.True(result.Output.IsEmpty);
    }

    [Fact]
    public async Task AFinalJobsElapsedTimeStopsWhereItEnded()
    {
        var cluster = shared.Cluster;
        await cluster.SubmitPublicAsync("elapsed-1", Repository.Program("sum"), ProgramInputs.Numbers(1));
        var final = await cluster.WaitFinalAsync("elapsed-1");

        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.Equal(final.Elapsed, (await cluster.Job("elapsed-1").GetStatusAsync()).Elapsed);
    }

    [Fact]
    public async Task InfiniteLoopFinalisesAsAnAgreedOutOfFuelTrap()
    {
        var cluster = shared.Cluster;
        var limits = new ResourceLimits { Fuel = 2_000_000 };
        await cluster.SubmitPrivateAsync("loop-1", WasmModules.InfiniteLoop(), [7], limits);

        var final = await cluster.WaitFinalAsync("loop-1");
        var result = await cluster.FetchResultAsync("loop-1");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(TrapCode.OutOfFuel, result.Trap);
        Assert.True(result.FuelUsed >= limits.Fuel);
    }

    [Fact]
    public async Task PrivateAggregationDecryptsToTheProgramsStatistics()
    {
        var cluster = shared.Cluster;
        long[] values = [5, -3, 10];
        var input = new byte[8 + 8 * values.Length];
        "AGG1"u8.CopyTo(input);
        BitConverter.TryWriteBytes(input.AsSpan(4), (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(input.AsSpan(8 + 8 * i), values[i]);
        }
        await cluster.SubmitPrivateAsync("agg-1", Repository.Program("aggregate"), input);

        await cluster.WaitFinalAsync("agg-1");
        var output = (await cluster.FetchResultAsync("agg-1")).Decrypt(cluster.Requester);

        Assert.Equal(52, output.Length);
        Assert.Equal("STA1"u8.ToArray(), output[..4]);
        Assert.Equal(3UL, BitConverter.ToUInt64(output, 4));
        Assert.Equal(12L, BitConverter.ToInt64(output, 12));
        Assert.Equal(-3L, BitConverter.ToInt64(output, 20));
        Assert.Equal(10L, BitConverter.ToInt64(output, 28));
    }
}
