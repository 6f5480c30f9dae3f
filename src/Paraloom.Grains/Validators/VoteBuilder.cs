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
        SignedVote Honest() => SignedVote.Sign(
            key, assignment.JobId, assignment.Attempt, validatorId, result.Status, result.Code, result.Output.Span, result.FuelUsed, profile);
        SignedVote Wrong()
        {
            byte[] wrongOutput = result.Status == ExecutionStatus.Ok ? [.. result.Output.Span, (byte)0x5A] : ForgedOutput;
            return SignedVote.Sign(key, assignment.JobId, assignment.Attempt, validatorId, ExecutionStatus.Ok, 0, wrongOutput, result.FuelUsed, profile);
        }

        return conduct switch
        {
            ValidatorConduct.Honest => [Honest()],
            ValidatorConduct.WrongDigest or ValidatorConduct.VoteOutsideCohort => [Wrong()],
            ValidatorConduct.Equivocate => [Honest(), Wrong()],
            ValidatorConduct.BadSignature => [WithForeignSignature(Honest())],
            _ => [],
        };
    }

    private static SignedVote WithForeignSignature(SignedVote vote)
    {
        using var stranger = SecretKey.Generate();
        var signature = stranger.Sign(VoteMessage.Encode(vote.JobId, vote.Attempt, vote.Digest, vote.FuelUsed, vote.Profile));
        return new SignedVote(vote.JobId, vote.Attempt, vote.ValidatorId, vote.Status, vote.Code, vote.Output.Span, vote.FuelUsed, vote.Profile, signature);
    }
}
