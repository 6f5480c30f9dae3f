using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Turns an execution result into the votes a validator sends: the honest one, or what its configured
/// fault makes of it. A wrong vote is internally consistent (its output matches its digest), as a real
/// attacker's would be, so only agreement can catch it.
/// </summary>
internal static class VoteBuilder
{
    private static readonly byte[] ForgedOutput = "forged"u8.ToArray();

    /// <param name="result">The result to vote on: for a private job its output is already the sealed output.</param>
    /// <param name="profile">The execution profile the result came from.</param>
    public static IReadOnlyList<SignedVote> Build(
        string validatorId, SecretKey key, ValidatorConduct conduct, Assignment assignment, ExecutionResult result, string profile)
    {
        SignedVote Sign(ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest? fingerprint) => SignedVote.Sign(
            key, VoteSubject.Of(assignment), validatorId, status, code, output, result.FuelUsed, profile, fingerprint);
        SignedVote Honest() => Sign(result.Status, result.Code, result.Output.Span, result.OutputFingerprint);
        SignedVote Wrong(ResultDigest? fingerprint) => result.Status == ExecutionStatus.Ok
            ? Sign(ExecutionStatus.Ok, 0, SameLengthForgery(result.Output.Span), fingerprint)
            : Sign(ExecutionStatus.Ok, 0, ForgedOutput, fingerprint);

        return conduct switch
        {
            ValidatorConduct.Honest => [Honest()],
            ValidatorConduct.WrongDigest or ValidatorConduct.VoteOutsideCohort => [Wrong(result.OutputFingerprint)],
            ValidatorConduct.WrongFingerprint => [Wrong(result.OutputFingerprint is null ? null : ForgedFingerprint(result.OutputFingerprint))],
            ValidatorConduct.Equivocate => [Honest(), Wrong(result.OutputFingerprint)],
            ValidatorConduct.BadSignature => [WithForeignSignature(Honest())],
            _ => [],
        };
    }

    /// <summary>Output of the honest length with its last byte changed: length alone cannot give the lie away.</summary>
    private static byte[] SameLengthForgery(ReadOnlySpan<byte> output)
    {
        byte[] forged = output.IsEmpty ? [0x5A] : output.ToArray();
        forged[^1] ^= 0x5A;
        return forged;
    }

    private static ResultDigest ForgedFingerprint(ResultDigest honest)
    {
        var bytes = honest.AsSpan().ToArray();
        bytes[0] ^= 0x5A;
        return ResultDigest.FromBytes(bytes);
    }

    private static SignedVote WithForeignSignature(SignedVote vote)
    {
        using var stranger = SecretKey.Generate();
        var signature = stranger.Sign(vote.Claim.Hash());
        return new SignedVote(
            vote.Subject, vote.ValidatorId, vote.Status, vote.Code, vote.Output.Span, vote.FuelUsed, vote.Profile, signature,
            vote.OutputFingerprint);
    }
}
