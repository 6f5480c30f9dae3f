using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>Turns a submission request into the grains' <see cref="JobSubmission"/>, refusing malformed fields with a 400.</summary>
internal static class SubmissionMapper
{
    public static JobSubmission ToSubmission(SubmitJobRequest request)
    {
        var requester = Parse("requester", () => PublicKey.FromHex(request.Requester));
        var limits = ToLimits(request.Limits);
        var replication = request.Replication ?? JobSpec.DefaultReplication;
        return (request.Input, request.Private) switch
        {
            (not null, not null) => throw ApiProblemException.BadRequest(
                "A job is either public ('input') or private ('private'), not both."),
            (_, { } sealedInput) => JobSubmission.Confidential(
                request.Module, requester, ToPrivateInput(sealedInput), limits, replication),
            (var input, null) => JobSubmission.Public(request.Module, input ?? [], requester, limits, replication),
        };
    }

    private static PrivateJobInput ToPrivateInput(PrivateInputDto input) => new(
        Parse("private.inputCommitment", () => PedersenCommitment.FromHex(input.InputCommitment)),
        SealedInput.FromBytes(input.SealedInput),
        Parse("private.nonce", () => JobNonce.FromHex(input.Nonce)),
        Parse("private.ownershipProof", () => OwnershipProof.FromBytes(Convert.FromHexString(input.OwnershipProof))),
        Parse("private.handOutKey", () => PublicKey.FromHex(input.HandOutKey)),
        Parse("private.handOutDelegation", () => SchnorrSignature.FromHex(input.HandOutDelegation)));

    private static ResourceLimits? ToLimits(LimitsDto? limits)
    {
        if (limits is null)
        {
            return null;
        }
        var defaults = ResourceLimits.Default;
        try
        {
            return new ResourceLimits
            {
                MemoryBytes = limits.MemoryBytes ?? defaults.MemoryBytes,
                Fuel = limits.Fuel ?? defaults.Fuel,
                WallClock = limits.WallClockMs is { } wall ? TimeSpan.FromMilliseconds(wall) : defaults.WallClock,
                DistributionTimeout = limits.DistributionTimeoutMs is { } distribution
                    ? TimeSpan.FromMilliseconds(distribution)
                    : defaults.DistributionTimeout,
                MaxOutputBytes = limits.MaxOutputBytes ?? defaults.MaxOutputBytes,
            };
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw ApiProblemException.BadRequest($"'limits' is not valid: {invalid.Message}", invalid);
        }
        catch (OverflowException overflow)
        {
            throw ApiProblemException.BadRequest("limits: a timeout is out of range.", overflow);
        }
    }

    /// <summary>Parses one encoded field; the parsers' messages name the kind of value, never its content.</summary>
    private static T Parse<T>(string field, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException)
        {
            throw ApiProblemException.BadRequest($"'{field}' is not valid: {invalid.Message}", invalid);
        }
    }
}
