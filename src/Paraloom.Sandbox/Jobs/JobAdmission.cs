using Paraloom.Compute.Execution;
using Paraloom.Wasm;

namespace Paraloom.Compute;

/// <summary>
/// The checks a job passes at submission (DESIGN §1): limits within the network caps, a module that decodes,
/// validates and follows compute ABI v1 (no imports), and for a private job an ownership proof that holds.
/// Any failure is a <see cref="JobRejectedException"/> with a reason for the requester. Thread-safe.
/// </summary>
public sealed class JobAdmission
{
    private readonly SandboxEngine _engine;
    private readonly NetworkCaps _caps;

    /// <param name="engine">The sandbox engine whose admission gate (decoder, validator, limits) judges the module.</param>
    public JobAdmission(SandboxEngine engine, NetworkCaps? caps = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _caps = caps ?? NetworkCaps.Default;
    }

    /// <exception cref="JobRejectedException">The job may not run on this network.</exception>
    public void EnsureAdmissible(JobSpec job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _caps.EnsureAllows(job);
        // The gate only: compilation happens on the execution scheduler, never on the caller's (grain's) turn.
        AdmittedModule module;
        try
        {
            module = _engine.Admit(job.Module.Span);
        }
        catch (ModuleException e)
        {
            throw new JobRejectedException(AdmissionFailure.InvalidModule, $"The module is not valid WebAssembly: {e.Message}");
        }
        if (module.Imports.Count > 0)
        {
            var first = module.Imports[0];
            throw new JobRejectedException(AdmissionFailure.HasImports,
                $"The module imports {module.Imports.Count} item(s), the first '{first.ModuleName}.{first.Name}'; job modules may import nothing.");
        }
        if (ComputeAbi.Check(module) is { } abiError)
        {
            throw new JobRejectedException(AdmissionFailure.NotComputeAbi, $"The module does not follow compute ABI v1: {ComputeAbi.Describe(abiError)}.");
        }
        if (job.Envelope is { } envelope && !envelope.ProvesOwnershipOf(job))
        {
            throw new JobRejectedException(AdmissionFailure.InvalidOwnershipProof,
                "The ownership proof does not hold for this job id, module, input commitment and requester key.");
        }
    }
}
