using System.Buffers.Binary;
using Paraloom.Privacy;

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
    public async Task A_public_job_runs_without_any_hand_out_and_its_output_is_plain()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input("hello"u8).RequestedBy(Requester.PublicKey).Build();

        var jobId = await Client.SubmitAsync(job);
        var final = await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.False(result.IsPrivate);
        Assert.Equal("hello"u8.ToArray(), result.Output.ToArray());
        Assert.Throws<InvalidOperationException>(() => result.Decrypt(Requester));
    }

    [Fact]
    public async Task An_agreed_trap_is_a_result_not_a_rejection()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("trap")).Input([1]).RequestedBy(Requester.PublicKey).Build());

        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester);

        Assert.Equal(ResultStatus.Trap, result.Status);
        Assert.Equal("Unreachable", result.Error);
        Assert.True(result.Output.IsEmpty);
    }

    [Fact]
    public async Task The_submitting_client_hands_out_the_job_key_it_kept_so_waiting_needs_no_secret()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([1, 2], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var seen = new List<JobProgress>();

        var jobId = await Client.SubmitAsync(job);
        var final = await Client.WaitAsync(jobId, new SynchronousProgress(seen.Add), Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Contains(seen, progress => progress.AwaitingKeys);
        Assert.Equal([1, 2], (await Client.GetResultAsync(jobId, Requester)).Decrypt(Requester));
    }

    [Fact]
    public async Task Waiting_without_the_secret_on_a_job_another_client_submitted_says_the_secret_is_needed()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([1, 2], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job);
        using var otherClient = Silo.NewClient();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => otherClient.WaitAsync(jobId, cancellationToken: Patience.Token));
        Assert.Contains("secret key", refused.Message);

        Assert.Equal(JobState.Finalised, (await otherClient.WaitAsync(jobId, Requester, cancellationToken: Patience.Token)).State);
    }

    [Fact]
    public async Task The_result_is_refused_to_another_key()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input([7]).RequestedBy(Requester.PublicKey).Build());
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        using var stranger = SecretKey.Generate();

        var denied = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.GetResultAsync(jobId, stranger));

        Assert.Equal(403, denied.Status);
        Assert.Equal("result-access-denied", denied.Error);
    }

    [Fact]
    public async Task Validators_are_listed()
    {
        var validators = await Client.GetValidatorsAsync();

        Assert.Equal(3, validators.Count);
        Assert.All(validators, validator => Assert.InRange(validator.Load, 0.0, 1.0));
    }

    /// <summary>Reports on the caller's thread, so the test sees every report before WaitAsync returns.</summary>
    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
