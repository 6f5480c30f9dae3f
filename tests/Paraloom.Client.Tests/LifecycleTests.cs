using System.Buffers.Binary;

namespace Paraloom.Client.Tests;

public sealed class LifecycleTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task Waiting_for_the_hand_out_returns_once_the_first_cohort_holds_the_key_and_the_job_then_ends_alone()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput("rows"u8, Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);

        var handedOut = await Client.WaitForHandOutAsync(jobId, Requester, cancellationToken: Patience.Token);

        Assert.Contains(handedOut.State, new[] { JobState.KeysDelivered, JobState.Executing, JobState.Finalised });
        Assert.False(handedOut.AwaitingKeys);
        // Another client, with no key at all, sees the job through: nothing more was needed from the requester.
        using var observer = Silo.NewClient();
        JobProgress status;
        while (!(status = await observer.GetStatusAsync(jobId, Patience.Token)).IsFinal)
        {
            await Task.Delay(30, Patience.Token);
        }
        Assert.Equal(JobState.Finalised, status.State);
    }

    [Fact]
    public async Task A_private_aggregation_is_sealed_handed_out_agreed_and_decrypted_by_the_requester()
    {
        var job = Job.Builder()
            .Wasm(Repository.Program("aggregate"))
            .PrivateInput(ProgramInputs.Aggregate(5_000_00, 7_000_00, 6_000_00), Requester.PublicKey)
            .WithOwnershipProof(Requester)
            .Limits(new JobLimits { Fuel = 50_000_000 })
            .Replication(3)
            .Build();
        var seen = new List<JobProgress>();

        var jobId = await Client.SubmitAsync(job);
        var final = await Client.WaitAsync(jobId, Requester, new SynchronousProgress(seen.Add), Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester);

        Assert.Equal(job.Id, jobId);
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal((3, 3), (final.VotesReceived, final.Cohort.Count));
        Assert.Contains(seen, progress => progress.AwaitingKeys && progress.Cohort.Count == 3);
        Assert.Equal(JobState.Finalised, seen[^1].State);
        Assert.Equal(final.Digest, result.Digest);
        Assert.True(result.IsPrivate);
        Assert.Equal(ResultStatus.Ok, result.Status);
        var output = result.Decrypt(Requester);
        Assert.NotEqual(output, result.Output.ToArray());
        Assert.Equal("STA1"u8.ToArray(), output[..4]);
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(output.AsSpan(4)));
        Assert.Equal(18_000_00L, BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(12)));
        Assert.Equal(6_000_00.0, BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(36))));
    }

    [Fact]
    public async Task An_agreed_trap_is_a_result_not_a_rejection()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("trap")).Input([1]).RequestedBy(Requester).Build());

        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester);

        Assert.Equal(ResultStatus.Trap, result.Status);
        Assert.Equal("Unreachable", result.Error);
        Assert.True(result.Output.IsEmpty);
    }

    /// <summary>Reports on the caller's thread, so the test sees every report before WaitAsync returns.</summary>
    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
