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

    /// <summary>Checks the submission; returns a private job's context, null for a public job.</summary>
    /// <exception cref="JobSubmissionException">The submission is refused.</exception>
    public PrivateJobContext? Validate(string jobId, JobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!JobId.TryParse(jobId, out var id))
        {
            throw new JobSubmissionException(SubmissionError.InvalidJobId,
                $"A job id must be 1 to {JobId.MaxLength} characters of letters, digits, '-' or '_'.");
        }
        if (submission.Replication < 1)
        {
            throw new JobSubmissionException(SubmissionError.AboveCap, "The replication K must be at least 1.");
        }
        var spec = submission.Private is { } input
            ? JobSpec.Private(id, submission.Module.Span,
                new PrivateEnvelope(input.SealedInput, input.InputCommitment, submission.Requester, input.OwnershipProof),
                submission.Limits, submission.Replication)
            : JobSpec.Public(id, submission.Module.Span, submission.PublicInput.Span, submission.Limits, submission.Replication);
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

    private static SubmissionError ErrorFor(AdmissionFailure failure) => failure switch
    {
        AdmissionFailure.AboveCap => SubmissionError.AboveCap,
        AdmissionFailure.HasImports => SubmissionError.HasImports,
        AdmissionFailure.InvalidOwnershipProof => SubmissionError.InvalidOwnershipProof,
        _ => SubmissionError.InvalidModule,
    };
}
