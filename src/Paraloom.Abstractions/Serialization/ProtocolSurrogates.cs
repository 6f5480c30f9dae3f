using Orleans;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Serialization;

// Orleans' wire forms of the privacy protocol's records: their parts travel through the surrogates in
// PrivacySurrogates.cs, and the records are rebuilt through their own constructors.

[GenerateSerializer, Immutable, Alias("paraloom.cohort-member")]
internal readonly record struct CohortMemberSurrogate([property: Id(0)] string ValidatorId, [property: Id(1)] PublicKey PublicKey);

[RegisterConverter]
internal sealed class CohortMemberConverter : IConverter<CohortMember, CohortMemberSurrogate>
{
    public CohortMember ConvertFromSurrogate(in CohortMemberSurrogate surrogate) => new(surrogate.ValidatorId, surrogate.PublicKey);

    public CohortMemberSurrogate ConvertToSurrogate(in CohortMember value) => new(value.ValidatorId, value.PublicKey);
}

[GenerateSerializer, Immutable, Alias("paraloom.private-job-input")]
internal readonly record struct PrivateJobInputSurrogate(
    [property: Id(0)] PedersenCommitment InputCommitment, [property: Id(1)] SealedInput SealedInput,
    [property: Id(2)] JobNonce Nonce, [property: Id(3)] OwnershipProof OwnershipProof,
    [property: Id(4)] PublicKey HandOutKey, [property: Id(5)] SchnorrSignature HandOutDelegation);

[RegisterConverter]
internal sealed class PrivateJobInputConverter : IConverter<PrivateJobInput, PrivateJobInputSurrogate>
{
    public PrivateJobInput ConvertFromSurrogate(in PrivateJobInputSurrogate surrogate) =>
        new(surrogate.InputCommitment, surrogate.SealedInput, surrogate.Nonce, surrogate.OwnershipProof,
            surrogate.HandOutKey, surrogate.HandOutDelegation);

    public PrivateJobInputSurrogate ConvertToSurrogate(in PrivateJobInput value) =>
        new(value.InputCommitment, value.SealedInput, value.Nonce, value.OwnershipProof, value.HandOutKey, value.HandOutDelegation);
}

[GenerateSerializer, Immutable, Alias("paraloom.private-job-context")]
internal readonly record struct PrivateJobContextSurrogate(
    [property: Id(0)] string JobId, [property: Id(1)] byte[] ModuleHash, [property: Id(2)] PedersenCommitment InputCommitment,
    [property: Id(3)] PublicKey Requester, [property: Id(4)] JobNonce Nonce);

[RegisterConverter]
internal sealed class PrivateJobContextConverter : IConverter<PrivateJobContext, PrivateJobContextSurrogate>
{
    public PrivateJobContext ConvertFromSurrogate(in PrivateJobContextSurrogate surrogate) =>
        new(surrogate.JobId, surrogate.ModuleHash, surrogate.InputCommitment, surrogate.Requester, surrogate.Nonce);

    public PrivateJobContextSurrogate ConvertToSurrogate(in PrivateJobContext value) =>
        new(value.JobId, value.ModuleHash.ToArray(), value.InputCommitment, value.Requester, value.Nonce);
}
