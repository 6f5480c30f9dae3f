using Orleans;

namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// A grain of a type that owns no step of the service, inside the cluster: what a compromised or buggy grain could try
/// on the steps other grains own. Only the test's silo knows its type; no shipped silo hosts it.
/// </summary>
public interface IStepIntruderGrain : IGrainWithStringKey
{
    /// <summary>Closes the quorum of <paramref name="jobId"/>'s <paramref name="attempt"/>: the job's step.</summary>
    Task CloseQuorumAsync(string jobId, int attempt);

    /// <summary>Reports <paramref name="reputation"/> for <paramref name="validatorId"/> to the registry: that validator's step.</summary>
    Task ReportReputationAsync(string validatorId, int reputation);

    /// <summary>Asks <paramref name="validatorId"/> for its public info, which any grain may.</summary>
    Task<ValidatorInfo> GetValidatorInfoAsync(string validatorId);
}

/// <inheritdoc cref="IStepIntruderGrain"/>
public sealed class StepIntruderGrain : Grain, IStepIntruderGrain
{
    public Task CloseQuorumAsync(string jobId, int attempt) =>
        GrainFactory.GetGrain<IResultQuorumGrain>(QuorumKey.For(jobId, attempt)).CloseAsync();

    public Task ReportReputationAsync(string validatorId, int reputation) =>
        GrainFactory.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).ReportReputationAsync(validatorId, reputation);

    public Task<ValidatorInfo> GetValidatorInfoAsync(string validatorId) =>
        GrainFactory.GetGrain<IValidatorGrain>(validatorId).GetInfoAsync();
}
