using Microsoft.Extensions.Options;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// Everything a submission must pass before anything is stored: a well-formed id and replication, then compute's
/// <see cref="JobAdmission"/> (network caps, a module that decodes, validates, imports nothing and exports the compute
/// ABI, and for a private job an ownership proof bound to this job, module, commitment and requester), and for a
/// private job the requester's delegation of the key hand-out to the job's hand-out key.
/// </summary>
internal sealed class SubmissionValidator(IOptions<ComputeOptions> options, ComputeExecutor executor)
{
    // The engine's cache keeps the module admission compiles for the executions to come.
    private readonly JobAdmission _admission = new(executor.Engine, options.Value.Caps);

    /// <summary>Checks the submission at <paramref name="now"/>; returns a private job's context, null for a public job.</summary>
    /// <exception cref="JobSubmissionException">The submission is refused.</exception>
    public PrivateJobContext? Validate(string jobId, JobSubmission submission, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!JobId.TryParse(jobId, out var id))
        {
            throw new JobSubmissionException(SubmissionError.InvalidJobId,
                $"A job id must be 1 to {JobId.MaxLength} characters of letters, digits, '-' or '_'.");
        }
        if (submission.Replication < 1)
        {
            throw new JobSubmissionException(SubmissionError.BelowMinimum, "The replication K must be at least 1.");
        }
        var spec = submission.Private is { } input
            ? JobSpec.Private(id, submission.Module.Span,
                new PrivateEnvelope(input.SealedInput, input.InputCommitment, submission.Requester, input.OwnershipProof),
                submission.Limits, submission.Replication)
            : JobSpec.Public(id, submission.Module.Span, submission.PublicInput.Span, submission.Limits, submission.Replication);
        EnsureStated(submission, spec, now);
        try
        {
            _admission.EnsureAdmissible(spec);
        }
        catch (JobRejectedException rejected)
        {
            // Not chained: compute's exception does not cross grain calls, and the message says it all.
            throw new JobSubmissionException(ErrorFor(rejected.Failure), rejected.Message);
        }
        if (submission.Private is { } delegated
            && !KeyHandOut.VerifyDelegation(submission.Requester, jobId, delegated.HandOutKey, delegated.HandOutDelegation))
        {
            throw new JobSubmissionException(SubmissionError.InvalidOwnershipProof,
                "The hand-out key's delegation is not the requester's signature for this job.");
        }
        return submission.Private is { } admitted
            ? new PrivateJobContext(jobId, spec.ModuleHash.Span, admitted.InputCommitment, submission.Requester, admitted.Nonce)
            : null;
    }

    /// <summary>
    /// The requester signed exactly this job, and its statement is still submittable. An expiry is accepted no further
    /// out than the retention period: a job id is kept that long after its job ends, so by the time it is forgotten the
    /// statement that submitted it has expired and cannot be replayed.
    /// </summary>
    private void EnsureStated(JobSubmission submission, JobSpec spec, DateTimeOffset now)
    {
        var signed = submission.Statement;
        var statement = signed.Statement;
        if (statement.MismatchWith(spec) is { } field)
        {
            throw new JobSubmissionException(SubmissionError.InvalidStatement, $"The job statement does not match the submission's {field}.");
        }
        if (submission.Private is { } input && !input.Nonce.Equals(statement.Nonce))
        {
            throw new JobSubmissionException(SubmissionError.InvalidStatement, "The job statement's nonce is not the private input's.");
        }
        if (!signed.IsSignedByRequester)
        {
            throw new JobSubmissionException(SubmissionError.InvalidStatement, "The job statement is not signed by its requester.");
        }
        if (statement.ExpiresAt <= now)
        {
            throw new JobSubmissionException(SubmissionError.StatementExpired, $"The job statement expired at {statement.ExpiresAt:u}.");
        }
        if (statement.ExpiresAt > now + options.Value.Retention)
        {
            throw new JobSubmissionException(SubmissionError.StatementExpired,
                $"The job statement's expiry lies beyond the network's retention ({options.Value.Retention}): sign one that expires sooner.");
        }
    }

    private static SubmissionError ErrorFor(AdmissionFailure failure) => failure switch
    {
        AdmissionFailure.AboveCap => SubmissionError.AboveCap,
        AdmissionFailure.BelowMinimum => SubmissionError.BelowMinimum,
        AdmissionFailure.HasImports => SubmissionError.HasImports,
        AdmissionFailure.InvalidOwnershipProof => SubmissionError.InvalidOwnershipProof,
        _ => SubmissionError.InvalidModule,
    };
}
