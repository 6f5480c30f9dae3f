using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>One vote, signed over exactly the result the validator's execution produced.</summary>
internal sealed class HonestVoteSigner : IVoteSigner
{
    public static HonestVoteSigner Instance { get; } = new();

    public IReadOnlyList<SignedVote> Sign(string validatorId, SecretKey key, Assignment assignment, ExecutionResult result, string profile) =>
    [
        SignedVote.Sign(
            key, VoteSubject.Of(assignment), validatorId, result.Status, result.Code, result.Output.Span, result.FuelUsed, profile,
            result.OutputFingerprint, result.Note),
    ];
}
