using Orleans;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains.Serialization;

// Orleans' wire forms of the privacy library's values, which stay free of Orleans: each travels as the byte
// encoding the library already defines (and checks when decoding), so the formats stay the library's own.

[GenerateSerializer, Immutable, Alias("paraloom.public-key")]
internal readonly record struct PublicKeySurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class PublicKeyConverter : IConverter<PublicKey, PublicKeySurrogate>
{
    public PublicKey ConvertFromSurrogate(in PublicKeySurrogate surrogate) => PublicKey.FromBytes(surrogate.Bytes);

    public PublicKeySurrogate ConvertToSurrogate(in PublicKey value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.wrapped-job-key")]
internal readonly record struct WrappedJobKeySurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class WrappedJobKeyConverter : IConverter<WrappedJobKey, WrappedJobKeySurrogate>
{
    public WrappedJobKey ConvertFromSurrogate(in WrappedJobKeySurrogate surrogate) => WrappedJobKey.FromBytes(surrogate.Bytes);

    public WrappedJobKeySurrogate ConvertToSurrogate(in WrappedJobKey value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.schnorr-signature")]
internal readonly record struct SchnorrSignatureSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class SchnorrSignatureConverter : IConverter<SchnorrSignature, SchnorrSignatureSurrogate>
{
    public SchnorrSignature ConvertFromSurrogate(in SchnorrSignatureSurrogate surrogate) => SchnorrSignature.FromBytes(surrogate.Bytes);

    public SchnorrSignatureSurrogate ConvertToSurrogate(in SchnorrSignature value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.sealed-input")]
internal readonly record struct SealedInputSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class SealedInputConverter : IConverter<SealedInput, SealedInputSurrogate>
{
    public SealedInput ConvertFromSurrogate(in SealedInputSurrogate surrogate) => SealedInput.FromBytes(surrogate.Bytes);

    public SealedInputSurrogate ConvertToSurrogate(in SealedInput value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.pedersen-commitment")]
internal readonly record struct PedersenCommitmentSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class PedersenCommitmentConverter : IConverter<PedersenCommitment, PedersenCommitmentSurrogate>
{
    public PedersenCommitment ConvertFromSurrogate(in PedersenCommitmentSurrogate surrogate) => PedersenCommitment.FromBytes(surrogate.Bytes);

    public PedersenCommitmentSurrogate ConvertToSurrogate(in PedersenCommitment value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.ownership-proof")]
internal readonly record struct OwnershipProofSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class OwnershipProofConverter : IConverter<OwnershipProof, OwnershipProofSurrogate>
{
    public OwnershipProof ConvertFromSurrogate(in OwnershipProofSurrogate surrogate) => OwnershipProof.FromBytes(surrogate.Bytes);

    public OwnershipProofSurrogate ConvertToSurrogate(in OwnershipProof value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.job-nonce")]
internal readonly record struct JobNonceSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class JobNonceConverter : IConverter<JobNonce, JobNonceSurrogate>
{
    public JobNonce ConvertFromSurrogate(in JobNonceSurrogate surrogate) => JobNonce.FromBytes(surrogate.Bytes);

    public JobNonceSurrogate ConvertToSurrogate(in JobNonce value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.note-commitment")]
internal readonly record struct NoteCommitmentSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class NoteCommitmentConverter : IConverter<NoteCommitment, NoteCommitmentSurrogate>
{
    public NoteCommitment ConvertFromSurrogate(in NoteCommitmentSurrogate surrogate) => NoteCommitment.FromBytes(surrogate.Bytes);

    public NoteCommitmentSurrogate ConvertToSurrogate(in NoteCommitment value) => new(value.ToBytes());
}
