using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Testing;

/// <summary>
/// The votes a faulty validator sends in place of the honest one. A wrong vote is internally consistent (its output
/// matches its digest), as a real attacker's would be, so only agreement can catch it.
/// </summary>
internal sealed class ByzantineVoteSigner(ValidatorConduct conduct) : IVoteSigner
{
    private static readonly byte[] ForgedOutput = "forged"u8.ToArray();

    public IReadOnlyList<SignedVote> Sign(string validatorId, SecretKey key, Assignment assignment, ExecutionResult result, string profile)
    {
        SignedVote Signed(ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest? fingerprint, NoteCommitment? note) =>
            SignedVote.Sign(key, VoteSubject.Of(assignment), validatorId, status, code, output, result.FuelUsed, profile, fingerprint, note);
        SignedVote Honest() => HonestVoteSigner.Instance.Sign(validatorId, key, assignment, result, profile)[0];
        SignedVote Wrong(ResultDigest? fingerprint) => result.Status == ExecutionStatus.Ok
            ? Signed(ExecutionStatus.Ok, 0, SameLengthForgery(result.Output.Span), fingerprint, result.Note)
            : Signed(ExecutionStatus.Ok, 0, ForgedOutput, fingerprint, result.Note);

        return conduct switch
        {
            ValidatorConduct.Honest => [Honest()],
            ValidatorConduct.WrongDigest or ValidatorConduct.VoteOutsideCohort => [Wrong(result.OutputFingerprint)],
            ValidatorConduct.WrongFingerprint => [Wrong(result.OutputFingerprint is null ? null : ForgedFingerprint(result.OutputFingerprint))],
            ValidatorConduct.WrongNote => [Signed(result.Status, result.Code, result.Output.Span, result.OutputFingerprint, ForgedNote(result.Note))],
            ValidatorConduct.Equivocate => [Honest(), Wrong(result.OutputFingerprint)],
            ValidatorConduct.BadSignature => [WithForeignSignature(Honest())],
            ValidatorConduct.Silent => [],
            _ => throw new ArgumentOutOfRangeException(nameof(conduct), conduct, "Unknown validator conduct."),
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

    /// <summary>A note of the honest kind that commits to another value: what a member minting itself an amount would sign.</summary>
    private static NoteCommitment? ForgedNote(NoteCommitment? honest)
    {
        if (honest is null) return null;
        using var value = CommitmentValue.OfAmount(1_000_000);
        using var blinding = Blinding.Random();
        return new NoteCommitment(honest.Kind, PedersenCommitment.Commit(value, blinding));
    }

    private static SignedVote WithForeignSignature(SignedVote vote)
    {
        using var stranger = SecretKey.Generate();
        var signature = stranger.Sign(vote.Claim.Hash());
        return new SignedVote(
            vote.Subject, vote.ValidatorId, vote.Status, vote.Code, vote.Output.Span, vote.FuelUsed, vote.Profile, signature,
            vote.OutputFingerprint, vote.Note);
    }
}
