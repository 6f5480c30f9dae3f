using Microsoft.Extensions.Options;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Wasm;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// Everything a submission must pass before anything is stored: the id, the network caps, a module that
/// decodes, validates, imports nothing and exports the compute ABI, and for a private job an ownership proof
/// bound to this job, module, commitment and requester.
/// </summary>
internal sealed class SubmissionValidator(IOptions<ComputeOptions> options, ComputeExecutor executor)
{
    private static readonly (string Name, ExternKind Kind)[] AbiExports =
        [("memory", ExternKind.Memory), ("alloc", ExternKind.Function), ("run", ExternKind.Function)];

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
        var input = submission.Private is { } sealedInput ? sealedInput.SealedInput.ToBytes() : submission.PublicInput.Span;
        var spec = JobSpec.Public(id, submission.Module.Span, input, submission.Limits, submission.Replication);
        try
        {
            options.Value.Caps.EnsureAllows(spec);
        }
        catch (JobRejectedException rejected)
        {
            throw new JobSubmissionException(SubmissionError.AboveCap, rejected.Message, rejected);
        }
        ValidateModule(submission.Module.Span);
        return submission.Private is null ? null : CheckOwnership(jobId, spec, submission);
    }

    private void ValidateModule(ReadOnlySpan<byte> bytes)
    {
        Module module;
        try
        {
            module = executor.Engine.LoadModule(bytes);
        }
        catch (ModuleException invalid)
        {
            throw new JobSubmissionException(SubmissionError.InvalidModule, $"The module is not valid WebAssembly: {invalid.Message}", invalid);
        }
        if (module.Imports.Count > 0)
        {
            var first = module.Imports[0];
            throw new JobSubmissionException(SubmissionError.HasImports,
                $"The module imports {module.Imports.Count} item(s), the first '{first.ModuleName}.{first.Name}'; job modules may import nothing.");
        }
        foreach (var (name, kind) in AbiExports)
        {
            if (!module.Exports.Any(export => export.Name == name && export.Kind == kind))
            {
                throw new JobSubmissionException(SubmissionError.InvalidModule,
                    "The module must export a memory 'memory' and the functions 'alloc' and 'run' (compute ABI v1).");
            }
        }
    }

    private static PrivateJobContext CheckOwnership(string jobId, JobSpec spec, JobSubmission submission)
    {
        var input = submission.Private!;
        var context = new PrivateJobContext(jobId, spec.ModuleHash.Span, input.InputCommitment, submission.Requester, input.Nonce);
        if (!input.OwnershipProof.Verify(context.OwnershipContext))
        {
            throw new JobSubmissionException(SubmissionError.InvalidOwnershipProof,
                "The ownership proof does not verify for this job id, module, input commitment and requester key.");
        }
        return context;
    }
}
