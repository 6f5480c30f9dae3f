using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Tests.Support;

/// <summary>A note for tests that need one but never open it.</summary>
internal static class TestNotes
{
    public static NoteCommitment Any { get; } = Random();

    private static NoteCommitment Random()
    {
        using var value = CommitmentValue.OfAmount(1);
        using var blinding = Blinding.Random();
        return new NoteCommitment(NoteKind.Amount, PedersenCommitment.Commit(value, blinding));
    }
}
