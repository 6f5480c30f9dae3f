using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Client;

/// <summary>Opens a private result's note with the requester's key and checks it against the note its receipt carries.</summary>
internal static class ResultNotes
{
    /// <summary>
    /// The result with its note opened; unchanged when it has none to open (public, not Ok, or no note in its receipt: a
    /// result agreed before notes, or a receipt that does not parse, which only an unpinned client accepts).
    /// </summary>
    /// <exception cref="UnverifiedResultException">The decrypted output does not open the note the cohort signed.</exception>
    public static JobResult Opened(JobResult result, SecretKey requester)
    {
        if (result.Context is not { } context || result.Status != ResultStatus.Ok || SignedNote(result) is not { } note)
        {
            return result;
        }
        var output = result.Decrypt(requester);
        try
        {
            using var key = context.DeriveKey(requester);
            var opening = OutputNote.Open(key, context.Binding, output);
            if (!opening.Opens(note))
            {
                opening.Dispose();
                throw new UnverifiedResultException(result.JobId, "the output does not open the note commitment the cohort signed");
            }
            return result.WithNote(new ResultNote(note, opening));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
        }
    }

    private static NoteCommitment? SignedNote(JobResult result)
    {
        if (result.Receipt.IsEmpty)
        {
            return null;
        }
        try
        {
            return JobReceipt.FromBytes(result.Receipt.Span).Note;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
