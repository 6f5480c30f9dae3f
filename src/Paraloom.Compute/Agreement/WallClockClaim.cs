using System.Diagnostics;
using System.Text;

namespace Paraloom.Compute.Agreement;

/// <summary>
/// What a cohort member signs when its execution of an attempt hit the job's wall-clock limit (layout in
/// docs/receipt-format.md): the hash of the job's signed statement, the attempt, the hash of the cohort's member ids in
/// order and the execution profile. The statement holds the limit, so the claim says "this job ran longer than its own
/// limit on my machine"; with every member's signature it certifies that the job, not the cohort, is at fault.
/// </summary>
public sealed class WallClockClaim
{
    public const string Tag = "paraloom/wall-clock/v1";

    private static readonly DomainHash Hashing = new(Tag);

    private readonly byte[] _statementHash;
    private readonly byte[] _cohortHash;

    public WallClockClaim(ReadOnlySpan<byte> statementHash, int attempt, ReadOnlySpan<byte> cohortHash, string profile)
    {
        ArgumentException.ThrowIfNullOrEmpty(profile);
        _statementHash = Exactly(statementHash, nameof(statementHash));
        _cohortHash = Exactly(cohortHash, nameof(cohortHash));
        Attempt = Guard.Positive(attempt, nameof(attempt));
        Profile = profile;
    }

    public ReadOnlySpan<byte> StatementHash => _statementHash;

    public int Attempt { get; }

    public ReadOnlySpan<byte> CohortHash => _cohortHash;

    public string Profile { get; }

    /// <summary>The canonical encoding of the claim.</summary>
    public byte[] ToBytes()
    {
        var profile = Encoding.UTF8.GetBytes(Profile);
        var encoded = new byte[VoteClaim.HashSize + sizeof(uint) + VoteClaim.HashSize + CanonicalWriter.PrefixedSize(profile.Length)];
        var writer = new CanonicalWriter(encoded);
        writer.Bytes(_statementHash);
        writer.UInt32((uint)Attempt);
        writer.Bytes(_cohortHash);
        writer.Prefixed(profile);
        Debug.Assert(writer.IsFull, "The claim's size is computed from the fields it writes.");
        return encoded;
    }

    /// <summary><c>TaggedHash("paraloom/wall-clock/v1", encoding)</c>: the 32 bytes a member signs with BIP-340.</summary>
    public byte[] Hash() => Hashing.Of(ToBytes());

    private static byte[] Exactly(ReadOnlySpan<byte> value, string name) =>
        value.Length == VoteClaim.HashSize
            ? value.ToArray()
            : throw new ArgumentException($"The {name} is {VoteClaim.HashSize} bytes, not {value.Length}.", name);
}
