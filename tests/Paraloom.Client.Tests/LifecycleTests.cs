using System.Buffers.Binary;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

public sealed class LifecycleTests(SiloServer silo) : IClassFixture<SiloServer>, IDisposable
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
    public async Task A_private_aggregation_is_sealed_handed_out_agreed_and_decrypted_by_the_requester()
    {
        var job = Job.Builder()
            .Wasm(SiloServer.Program("aggregate"))
            .PrivateInput(SiloServer.AggregateInput(5_000_00, 7_000_00, 6_000_00), _requester.PublicKey)
            .WithOwnershipProof(_requester)
            .Limits(new ResourceLimits { Fuel = 50_000_000 })
            .Replication(3)
            .Build();
        var seen = new List<JobProgress>();

        var jobId = await _client.SubmitAsync(job);
        var final = await _client.WaitAsync(jobId, _requester, new SynchronousProgress(seen.Add), _patience.Token);
        var result = await _client.GetResultAsync(jobId, _requester);

        Assert.Equal(job.Id, jobId);
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal((3, 3), (final.VotesReceived, final.Cohort.Count));
        Assert.Contains(seen, progress => progress.AwaitingKeys && progress.Cohort.Count == 3);
        Assert.Equal(JobState.Finalised, seen[^1].State);
        Assert.Equal(final.Digest, result.Digest);
        Assert.True(result.IsPrivate);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        var output = result.Decrypt(_requester);
        Assert.NotEqual(output, result.Output.ToArray());
        Assert.Equal("STA1"u8.ToArray(), output[..4]);
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(output.AsSpan(4)));
        Assert.Equal(18_000_00L, BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(12)));
        Assert.Equal(6_000_00.0, BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(36))));
    }

    [Fact]
    public async Task A_public_job_runs_without_any_hand_out_and_its_output_is_plain()
    {
        var job = Job.Builder().Wasm(SiloServer.Program("echo")).Input("hello"u8).RequestedBy(_requester.PublicKey).Build();

        var jobId = await _client.SubmitAsync(job);
        var final = await _client.WaitAsync(jobId, cancellationToken: _patience.Token);
        var result = await _client.GetResultAsync(jobId, _requester);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.False(result.IsPrivate);
        Assert.Equal("hello"u8.ToArray(), result.Output.ToArray());
        Assert.Throws<InvalidOperationException>(() => result.Decrypt(_requester));
    }

    [Fact]
    public async Task An_agreed_trap_is_a_result_not_a_rejection()
    {
        var jobId = await _client.SubmitAsync(Job.Builder().Wasm(SiloServer.Program("trap")).Input([1]).RequestedBy(_requester.PublicKey).Build());

        await _client.WaitAsync(jobId, cancellationToken: _patience.Token);
        var result = await _client.GetResultAsync(jobId, _requester);

        Assert.Equal(ExecutionStatus.Trap, result.Status);
        Assert.Equal(nameof(TrapCode.Unreachable), result.Error);
        Assert.True(result.Output.IsEmpty);
    }

    [Fact]
    public async Task Waiting_without_the_secret_on_a_job_that_needs_a_hand_out_says_so()
    {
        var job = Job.Builder().Wasm(SiloServer.Program("echo")).PrivateInput([1, 2], _requester.PublicKey).WithOwnershipProof(_requester).Build();
        var jobId = await _client.SubmitAsync(job);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _client.WaitAsync(jobId, cancellationToken: _patience.Token));

        Assert.Contains("secret key", refused.Message);
    }

    [Fact]
    public async Task The_result_is_refused_to_another_key()
    {
        var jobId = await _client.SubmitAsync(Job.Builder().Wasm(SiloServer.Program("echo")).Input([7]).RequestedBy(_requester.PublicKey).Build());
        await _client.WaitAsync(jobId, cancellationToken: _patience.Token);
        using var stranger = SecretKey.Generate();

        var denied = await Assert.ThrowsAsync<ParaloomApiException>(() => _client.GetResultAsync(jobId, stranger));

        Assert.Equal(403, denied.Status);
        Assert.Equal("result-access-denied", denied.Error);
    }

    [Fact]
    public async Task Validators_are_listed()
    {
        var validators = await _client.GetValidatorsAsync();

        Assert.Equal(3, validators.Count);
        Assert.All(validators, validator => Assert.InRange(validator.Load, 0.0, 1.0));
    }

    /// <summary>Reports on the caller's thread, so the test sees every report before WaitAsync returns.</summary>
    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
