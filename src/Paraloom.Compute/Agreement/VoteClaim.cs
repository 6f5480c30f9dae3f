using System.Diagnostics;
using System.Text;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Agreement;

/// <summary>
/// What a cohort member signs about one attempt (vote version 3, layout in docs/receipt-format.md): the hash of the job's
/// signed statement, the attempt, the hash of the cohort's member ids in order, the result digest, the fuel, the
/// execution profile and, for a private job's result, its output note (kind and commitment). Binding the statement and the cohort
/// makes a vote evidence a requester can check on its own: it cannot be moved to another job, module, input, requester
/// or cohort, nor counted towards a threshold of another attempt.
/// </summary>
public sealed class VoteClaim
{
    public const string Tag = "paraloom/vote/v3";
    public const string CohortTag = "paraloom/cohort/v1";
    public const int HashSize = 32;

    private const byte NoNote = 0;
    private static readonly DomainHash Hashing = new(Tag);
    private static readonly DomainHash CohortHashing = new(CohortTag);

    private readonly byte[] _statementHash;
    private readonly byte[] _cohortHash;

    /// <param name="note">A private job's successful result's output note; <c>null</c> for every other result.</param>
    public VoteClaim(
        ReadOnlySpan<byte> statementHash, int attempt, ReadOnlySpan<byte> cohortHash, ResultDigest digest, long fuelUsed,
        string profile, NoteCommitment? note = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        _statementHash = Exactly(statementHash, HashSize, nameof(statementHash));
        _cohortHash = Exactly(cohortHash, HashSize, nameof(cohortHash));
        Note = note;
        Attempt = Guard.Positive(attempt, nameof(attempt));
        Digest = digest;
        FuelUsed = Guard.NotNegative(fuelUsed, nameof(fuelUsed));
        Profile = profile;
    }

    public ReadOnlySpan<byte> StatementHash => _statementHash;

    public int Attempt { get; }

    public ReadOnlySpan<byte> CohortHash => _cohortHash;

    public ResultDigest Digest { get; }

    public long FuelUsed { get; }

    public string Profile { get; }

    public NoteCommitment? Note { get; }

    /// <summary>
    /// <c>TaggedHash("paraloom/cohort/v1", count:u16be ‖ (len:u16be ‖ id)…)</c>: the cohort's member ids in the order
    /// the job chose them.
    /// </summary>
    public static byte[] HashCohort(IReadOnlyList<string> memberIds)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var ids = memberIds.Select(Encoding.UTF8.GetBytes).ToList();
        var encoded = new byte[sizeof(ushort) + ids.Sum(id => CanonicalWriter.PrefixedSize(id.Length))];
        var writer = new CanonicalWriter(encoded);
        writer.UInt16(checked((ushort)ids.Count));
        foreach (var id in ids)
        {
            writer.Prefixed(id);
        }
        Debug.Assert(writer.IsFull, "The cohort's size is computed from the ids it writes.");
        return CohortHashing.Of(encoded);
    }

    /// <summary>The canonical encoding of the claim.</summary>
    public byte[] ToBytes()
    {
        var profile = Encoding.UTF8.GetBytes(Profile);
        var encoded = new byte[HashSize + sizeof(uint) + HashSize + ResultDigest.Length + sizeof(long)
            + CanonicalWriter.PrefixedSize(profile.Length) + (Note is null ? 1 : NoteCommitment.Size)];
        var writer = new CanonicalWriter(encoded);
        writer.Bytes(_statementHash);
        writer.UInt32((uint)Attempt);
        writer.Bytes(_cohortHash);
        writer.Bytes(Digest.AsSpan());
        writer.Int64(FuelUsed);
        writer.Prefixed(profile);
        // The note flag is the note's kind (1 amount, 2 data), so the kind is signed with the commitment.
        writer.Bytes(Note is null ? [NoNote] : Note.ToBytes());
        Debug.Assert(writer.IsFull, "The claim's size is computed from the fields it writes.");
        return encoded;
    }

    /// <summary><c>TaggedHash("paraloom/vote/v3", encoding)</c>: the 32 bytes a member signs with BIP-340.</summary>
    public byte[] Hash() => Hashing.Of(ToBytes());

    private static byte[] Exactly(ReadOnlySpan<byte> value, int size, string name) =>
        value.Length == size ? value.ToArray() : throw new ArgumentException($"The {name} is {size} bytes, not {value.Length}.", name);
}
