using System.Text;
using Paraloom.Compute.Execution;
using Paraloom.Compute.PrivateJobs;
using Paraloom.Compute.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.PrivateJobs;

public sealed class PrivateJobRunnerTests : IDisposable
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("salary=123456;bonus=7890");

    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 2 });
    private readonly SecretKey _validatorA = SecretKey.Generate();
    private readonly SecretKey _validatorB = SecretKey.Generate();
    private readonly PrivateJobFixture _fixture = new(Modules.Echo, Secret);
    private readonly PrivateJobRunner _runner;

    public PrivateJobRunnerTests() => _runner = new PrivateJobRunner(new ComputeExecutor(_scheduler));

    public void Dispose()
    {
        _scheduler.Dispose();
        _validatorA.Dispose();
        _validatorB.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task The_output_is_sealed_and_only_the_requester_can_open_it()
    {
        var result = await _runner.RunAsync(_fixture.Job, 1, _fixture.WrapFor(_validatorA), _validatorA);

        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.False(result.Output.Span.IndexOf(Secret) >= 0, "the plaintext must not appear in the result");
        Assert.Equal(Secret, _fixture.Decrypt(result.Output, attempt: 1));
        Assert.Throws<AuthenticationFailedException>(() => _fixture.Decrypt(result.Output, attempt: 2));
        Assert.DoesNotContain("salary", result.ToString());
    }

    [Fact]
    public async Task Cohort_members_produce_the_same_ciphertext_and_digest()
    {
        var a = await _runner.RunAsync(_fixture.Job, 1, _fixture.WrapFor(_validatorA), _validatorA);
        var b = await _runner.RunAsync(_fixture.Job, 1, _fixture.WrapFor(_validatorB), _validatorB);

        Assert.Equal(a.Output.ToArray(), b.Output.ToArray());
        Assert.Equal(a.Digest, b.Digest);
        Assert.Equal(a.FuelUsed, b.FuelUsed);

        var nextAttempt = await _runner.RunAsync(_fixture.Job, 2, _fixture.WrapFor(_validatorA), _validatorA);
        Assert.NotEqual(a.Digest, nextAttempt.Digest);
    }

    [Fact]
    public async Task The_digest_is_over_the_ciphertext_not_the_plaintext()
    {
        var sealedResult = await _runner.RunAsync(_fixture.Job, 1, _fixture.WrapFor(_validatorA), _validatorA);
        var plainResult = await new ComputeExecutor(_scheduler).ExecuteAsync(new ExecutionRequest(Modules.Echo, Secret));
        Assert.NotEqual(plainResult.Digest, sealedResult.Digest);
    }

    [Fact]
    public async Task A_trap_is_reported_without_any_output()
    {
        using var trapping = new PrivateJobFixture(Modules.Unreachable, Secret);
        var result = await _runner.RunAsync(trapping.Job, 1, trapping.WrapFor(_validatorA), _validatorA);
        Assert.Equal(Paraloom.Compute.Execution.TrapCode.Unreachable, result.Trap);
        Assert.True(result.Output.IsEmpty);
    }

    [Fact]
    public async Task An_invalid_ownership_proof_is_refused_before_anything_runs()
    {
        // A proof made for another job: a coordinator trying to redirect the result to another recipient.
        using var other = new PrivateJobFixture(Modules.Echo, Secret);
        var forged = new PrivateEnvelope(
            _fixture.Envelope.SealedInput, _fixture.Envelope.InputCommitment, _fixture.Envelope.Requester,
            other.Envelope.OwnershipProof);
        var job = JobSpec.Private(_fixture.Id, Modules.Echo, forged);

        // A disposed scheduler throws if asked to run anything: the refusal must come first.
        var stopped = new ExecutionScheduler();
        stopped.Dispose();
        var runner = new PrivateJobRunner(new ComputeExecutor(stopped));
        var error = await Assert.ThrowsAsync<PrivateJobRefusedException>(
            () => runner.RunAsync(job, 1, _fixture.WrapFor(_validatorA), _validatorA));
        Assert.Contains("ownership proof", error.Message);
    }

    [Fact]
    public async Task A_key_wrapped_for_another_validator_is_refused()
    {
        var error = await Assert.ThrowsAsync<PrivateJobRefusedException>(
            () => _runner.RunAsync(_fixture.Job, 1, _fixture.WrapFor(_validatorB), _validatorA));
        Assert.Contains("job key", error.Message);
    }

    [Fact]
    public async Task A_sealed_input_from_another_job_is_refused()
    {
        using var other = new PrivateJobFixture(Modules.Echo, Secret, _fixture.Id);
        var swapped = new PrivateEnvelope(
            other.Envelope.SealedInput, _fixture.Envelope.InputCommitment, _fixture.Envelope.Requester,
            _fixture.Envelope.OwnershipProof);
        var job = JobSpec.Private(_fixture.Id, Modules.Echo, swapped);

        var error = await Assert.ThrowsAsync<PrivateJobRefusedException>(
            () => _runner.RunAsync(job, 1, _fixture.WrapFor(_validatorA), _validatorA));
        Assert.Contains("sealed input", error.Message);
        Assert.DoesNotContain("salary", error.ToString());
    }

    [Fact]
    public async Task An_input_other_than_the_committed_one_is_refused_before_anything_runs()
    {
        // The requester commits to one input and seals another: its proof holds, but the opening does not.
        using var dishonest = new PrivateJobFixture(Modules.Echo, Secret, sealedInput: Encoding.UTF8.GetBytes("salary=1"));
        var stopped = new ExecutionScheduler();
        stopped.Dispose();
        var runner = new PrivateJobRunner(new ComputeExecutor(stopped));

        var error = await Assert.ThrowsAsync<PrivateJobRefusedException>(
            () => runner.RunAsync(dishonest.Job, 1, dishonest.WrapFor(_validatorA), _validatorA));

        Assert.Contains("commitment", error.Message);
        Assert.DoesNotContain("salary", error.ToString());
    }

    [Fact]
    public async Task A_public_job_is_not_accepted()
    {
        var job = JobSpec.Public(JobId.New(), Modules.Echo, Secret);
        await Assert.ThrowsAsync<ArgumentException>(
            () => _runner.RunAsync(job, 1, _fixture.WrapFor(_validatorA), _validatorA));
    }
}
