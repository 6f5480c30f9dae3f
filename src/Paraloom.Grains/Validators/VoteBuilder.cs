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

    public static IReadOnlyList<SignedVote> Build(
        string validatorId, SecretKey key, ValidatorConduct conduct, Assignment assignment, ExecutionResult result, JobKey? jobKey)
    {
        var honestOutput = Deliverable(assignment, result.Status, result.Output.Span, jobKey);
        var code = ResultDigests.CodeOf(result);
        SignedVote Honest() => SignedVote.Sign(key, assignment.JobId, assignment.Attempt, validatorId, result.Status, code, honestOutput, result.FuelUsed);
        SignedVote Wrong()
        {
            var wrongOutput = result.Status == ExecutionStatus.Ok ? [.. result.Output.Span, (byte)0x5A] : ForgedOutput;
            return SignedVote.Sign(key, assignment.JobId, assignment.Attempt, validatorId, ExecutionStatus.Ok, 0,
                Deliverable(assignment, ExecutionStatus.Ok, wrongOutput, jobKey), result.FuelUsed);
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

    /// <summary>
    /// What a vote carries as output: nothing unless the run ended Ok, then the plaintext of a public job or
    /// the sealed output of a private one.
    /// </summary>
    private static byte[] Deliverable(Assignment assignment, ExecutionStatus status, ReadOnlySpan<byte> output, JobKey? jobKey) =>
        (status, assignment.Private, jobKey) switch
        {
            (not ExecutionStatus.Ok, _, _) => [],
            (_, { } privateJob, { } key) => OutputSealer.Seal(key, privateJob.Context.Binding, assignment.Attempt, output).ToBytes(),
            _ => output.ToArray(),
        };

    private static SignedVote WithForeignSignature(SignedVote vote)
    {
        using var stranger = SecretKey.Generate();
        var signature = stranger.Sign(VoteMessage.Encode(vote.JobId, vote.Attempt, vote.Digest, vote.FuelUsed));
        return new SignedVote(vote.JobId, vote.Attempt, vote.ValidatorId, vote.Status, vote.Code, vote.Output.Span, vote.FuelUsed, signature);
    }
}
