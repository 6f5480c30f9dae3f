using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains.Serialization;

// Orleans' wire forms of compute's values, so compute knows nothing of grains: each is rebuilt through the
// type's own factory or initialisers, which validate it again on arrival.

[GenerateSerializer, Immutable, Alias("paraloom.result-digest")]
internal readonly record struct ResultDigestSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class ResultDigestConverter : IConverter<ResultDigest, ResultDigestSurrogate>
{
    public ResultDigest ConvertFromSurrogate(in ResultDigestSurrogate surrogate) => ResultDigest.FromBytes(surrogate.Bytes);

    public ResultDigestSurrogate ConvertToSurrogate(in ResultDigest value) => new(value.AsSpan().ToArray());
}

[GenerateSerializer, Immutable, Alias("paraloom.resource-limits")]
internal readonly record struct ResourceLimitsSurrogate(
    [property: Id(0)] long MemoryBytes, [property: Id(1)] long Fuel, [property: Id(2)] TimeSpan WallClock,
    [property: Id(3)] TimeSpan DistributionTimeout, [property: Id(4)] int MaxOutputBytes);

[RegisterConverter]
internal sealed class ResourceLimitsConverter : IConverter<ResourceLimits, ResourceLimitsSurrogate>
{
    public ResourceLimits ConvertFromSurrogate(in ResourceLimitsSurrogate surrogate) => new()
    {
        MemoryBytes = surrogate.MemoryBytes,
        Fuel = surrogate.Fuel,
        WallClock = surrogate.WallClock,
        DistributionTimeout = surrogate.DistributionTimeout,
        MaxOutputBytes = surrogate.MaxOutputBytes,
    };

    public ResourceLimitsSurrogate ConvertToSurrogate(in ResourceLimits value) =>
        new(value.MemoryBytes, value.Fuel, value.WallClock, value.DistributionTimeout, value.MaxOutputBytes);
}

[GenerateSerializer, Immutable, Alias("paraloom.agreement-options")]
internal readonly record struct AgreementOptionsSurrogate(
    [property: Id(0)] int ThresholdNumerator, [property: Id(1)] int ThresholdDenominator, [property: Id(2)] int MaxAttempts);

[RegisterConverter]
internal sealed class AgreementOptionsConverter : IConverter<AgreementOptions, AgreementOptionsSurrogate>
{
    public AgreementOptions ConvertFromSurrogate(in AgreementOptionsSurrogate surrogate) => new()
    {
        ThresholdNumerator = surrogate.ThresholdNumerator,
        ThresholdDenominator = surrogate.ThresholdDenominator,
        MaxAttempts = surrogate.MaxAttempts,
    };

    public AgreementOptionsSurrogate ConvertToSurrogate(in AgreementOptions value) =>
        new(value.ThresholdNumerator, value.ThresholdDenominator, value.MaxAttempts);
}

[GenerateSerializer, Immutable, Alias("paraloom.private-envelope")]
internal readonly record struct PrivateEnvelopeSurrogate(
    [property: Id(0)] SealedInput SealedInput, [property: Id(1)] PedersenCommitment InputCommitment,
    [property: Id(2)] PublicKey Requester, [property: Id(3)] OwnershipProof OwnershipProof);

[RegisterConverter]
internal sealed class PrivateEnvelopeConverter : IConverter<PrivateEnvelope, PrivateEnvelopeSurrogate>
{
    public PrivateEnvelope ConvertFromSurrogate(in PrivateEnvelopeSurrogate surrogate) =>
        new(surrogate.SealedInput, surrogate.InputCommitment, surrogate.Requester, surrogate.OwnershipProof);

    public PrivateEnvelopeSurrogate ConvertToSurrogate(in PrivateEnvelope value) =>
        new(value.SealedInput, value.InputCommitment, value.Requester, value.OwnershipProof);
}

[GenerateSerializer, Immutable, Alias("paraloom.job-spec")]
internal readonly record struct JobSpecSurrogate(
    [property: Id(0)] string JobId, [property: Id(1)] byte[] Module, [property: Id(2)] byte[] Input,
    [property: Id(3)] PrivateEnvelope? Envelope, [property: Id(4)] ResourceLimits Limits, [property: Id(5)] int Replication);

[RegisterConverter]
internal sealed class JobSpecConverter : IConverter<JobSpec, JobSpecSurrogate>
{
    public JobSpec ConvertFromSurrogate(in JobSpecSurrogate surrogate)
    {
        var id = JobId.Parse(surrogate.JobId);
        return surrogate.Envelope is { } envelope
            ? JobSpec.Private(id, surrogate.Module, envelope, surrogate.Limits, surrogate.Replication)
            : JobSpec.Public(id, surrogate.Module, surrogate.Input, surrogate.Limits, surrogate.Replication);
    }

    public JobSpecSurrogate ConvertToSurrogate(in JobSpec value) =>
        new(value.Id.Value, value.Module.ToArray(), value.Input.ToArray(), value.Envelope, value.Limits, value.Replication);
}

[GenerateSerializer, Immutable, Alias("paraloom.validator-certificate")]
internal readonly record struct ValidatorCertificateSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
internal sealed class ValidatorCertificateConverter : IConverter<ValidatorCertificate, ValidatorCertificateSurrogate>
{
    public ValidatorCertificate ConvertFromSurrogate(in ValidatorCertificateSurrogate surrogate) => ValidatorCertificate.FromBytes(surrogate.Bytes);

    public ValidatorCertificateSurrogate ConvertToSurrogate(in ValidatorCertificate value) => new(value.ToBytes());
}

[GenerateSerializer, Immutable, Alias("paraloom.signed-job-statement")]
internal readonly record struct SignedJobStatementSurrogate([property: Id(0)] byte[] Statement, [property: Id(1)] byte[] Signature);

[RegisterConverter]
internal sealed class SignedJobStatementConverter : IConverter<SignedJobStatement, SignedJobStatementSurrogate>
{
    public SignedJobStatement ConvertFromSurrogate(in SignedJobStatementSurrogate surrogate) =>
        SignedJobStatement.FromBytes(surrogate.Statement, surrogate.Signature);

    public SignedJobStatementSurrogate ConvertToSurrogate(in SignedJobStatement value) =>
        new(value.Statement.ToBytes(), value.Signature.ToBytes());
}
