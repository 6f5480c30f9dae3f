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
        var limits = ToLimits(request.Limits) ?? ResourceLimits.Default;
        var replication = request.Replication ?? JobSpec.DefaultReplication;
        var statement = Parse("statement", () => SignedJobStatement.FromBytes(request.Statement.Encoded, Convert.FromHexString(request.Statement.Signature)));
        EnsureStated(statement.Statement, requester, limits, replication);
        return (request.Input, request.Private) switch
        {
            (not null, not null) => throw ApiProblemException.BadRequest(
                "A job is either public ('input') or private ('private'), not both."),
            (_, { } sealedInput) => JobSubmission.Confidential(statement, request.Module, ToPrivateInput(sealedInput)),
            (var input, null) => JobSubmission.Public(statement, request.Module, input ?? []),
        };
    }

    /// <summary>The request's own fields say what its statement says; the job grain checks the rest (module, input, signature).</summary>
    private static void EnsureStated(JobStatement statement, PublicKey requester, ResourceLimits limits, int replication)
    {
        var differs = !statement.Requester.Equals(requester) ? "requester"
            : statement.Limits != limits ? "limits"
            : statement.Replication != replication ? "replication"
            : null;
        if (differs is not null)
        {
            throw ApiProblemException.BadRequest($"'statement' does not match the request's '{differs}'.");
        }
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
