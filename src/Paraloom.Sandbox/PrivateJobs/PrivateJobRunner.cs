using System.Security.Cryptography;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Compute.PrivateJobs;

/// <summary>
/// Runs a private job on one validator: verify the requester's ownership proof (before anything runs),
/// unwrap the job key with the validator's secret key, open the input and check that the input commitment
/// opens to it (<see cref="CommittedInput"/>), execute, and seal the output
/// deterministically for (job key, job, attempt), so every honest cohort member returns the same
/// ciphertext and votes on its digest, which also covers the output's attempt-independent fingerprint
/// (<see cref="OutputFingerprint"/>), and its output note (<see cref="OutputNote"/>), which the vote signs beside the
/// digest. The input plaintext, the output plaintext and the instance's
/// linear memory are zeroed once used; the job key is disposed (zeroed) on the way out.
/// </summary>
public sealed class PrivateJobRunner
{
    private readonly ComputeExecutor _executor;

    public PrivateJobRunner(ComputeExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    /// <summary>
    /// The result, whose output (when <see cref="ExecutionStatus.Ok"/>) is the sealed output's bytes
    /// (<see cref="SealedOutput.FromBytes"/>); its digest is over that ciphertext.
    /// </summary>
    /// <exception cref="PrivateJobRefusedException">
    /// The proof, the wrapped key or the sealed input is not valid, or the input is not the committed one: nothing ran.
    /// </exception>
    public async Task<ExecutionResult> RunAsync(
        JobSpec job, int attempt, WrappedJobKey wrappedKey, SecretKey validatorKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        ArgumentNullException.ThrowIfNull(validatorKey);
        Guard.Positive(attempt, nameof(attempt));
        var envelope = job.Envelope ?? throw new ArgumentException("The job is not private.", nameof(job));
        if (!envelope.ProvesOwnershipOf(job))
        {
            throw new PrivateJobRefusedException(
                $"Job {job.Id}: the ownership proof does not hold for this job, module, commitment and requester.");
        }
        var binding = envelope.BindingFor(job);
        using var jobKey = Unwrap(job, wrappedKey, validatorKey, binding);
        var input = Open(job, envelope.SealedInput, jobKey, binding);
        ExecutionResult result;
        try
        {
            var request = new ExecutionRequest(job.Module, input, job.Limits);
            result = await _executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
        return result.Status == ExecutionStatus.Ok ? Seal(result, jobKey, binding, attempt) : result;
    }

    private static JobKey Unwrap(JobSpec job, WrappedJobKey wrappedKey, SecretKey validatorKey, JobBinding binding)
    {
        try
        {
            return KeyWrap.Unwrap(wrappedKey, validatorKey, binding);
        }
        catch (AuthenticationFailedException e)
        {
            throw new PrivateJobRefusedException($"Job {job.Id}: the job key is not wrapped to this validator for this job.", e);
        }
    }

    private static byte[] Open(JobSpec job, SealedInput sealedInput, JobKey jobKey, JobBinding binding)
    {
        try
        {
            return CommittedInput.Open(sealedInput, jobKey, binding);
        }
        catch (AuthenticationFailedException e)
        {
            throw new PrivateJobRefusedException($"Job {job.Id}: the sealed input does not open under the job key.", e);
        }
        catch (InvalidEncodingException e)
        {
            throw new PrivateJobRefusedException($"Job {job.Id}: the sealed input does not carry the commitment's opening.", e);
        }
        catch (InputCommitmentMismatchException e)
        {
            throw new PrivateJobRefusedException(e.Message, e);
        }
    }

    private static ExecutionResult Seal(ExecutionResult plain, JobKey jobKey, JobBinding binding, int attempt)
    {
        try
        {
            var sealedOutput = OutputSealer.Seal(jobKey, binding, attempt, plain.Output.Span);
            var fingerprint = ResultDigest.FromBytes(OutputFingerprint.Compute(jobKey, binding, plain.Output.Span));
            var note = OutputNote.Commit(jobKey, binding, plain.Output.Span);
            return plain.WithSealedOutput(sealedOutput.ToBytes(), fingerprint, note);
        }
        finally
        {
            plain.ClearOutput();
        }
    }
}
