using System.Diagnostics;
using System.Text;
using Paraloom.Compute.Agreement;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute;

/// <summary>Why a cohort can certify that a job was rejected.</summary>
public enum CertifiedRejectionReason : byte
{
    /// <summary>Every member of one attempt's cohort signed that its execution hit the job's wall-clock limit.</summary>
    WallClock = 1,

    /// <summary>In every attempt the network allows, the cohort's signed votes left no result able to reach the threshold.</summary>
    Disagreement = 2,
}

/// <summary>
/// The proof, from signatures alone, of why a job was rejected: the requester's signed statement, the reason, and for
/// each attempt the reason rests on its profile, cohort and the signed claims of its certified members (wall-clock
/// reports, or votes). One canonical encoding (rejection receipt version 1, layout in docs/receipt-format.md); checking
/// it needs only the network authority's key (and the network's agreement fraction and attempt count).
/// </summary>
public sealed class RejectionReceipt
{
    /// <summary>The first byte: a job receipt's first byte is its version, 1, so a reader tells the two apart by it.</summary>
    public const byte Kind = 2;

    public const byte Version = 1;

    private readonly byte[] _encoded;

    public RejectionReceipt(SignedJobStatement statement, CertifiedRejectionReason reason, IReadOnlyList<RejectedAttempt> attempts)
    {
        Statement = statement ?? throw new ArgumentNullException(nameof(statement));
        Reason = Enum.IsDefined(reason) ? reason : throw new ArgumentException($"Unknown rejection reason {(byte)reason}.", nameof(reason));
        ArgumentNullException.ThrowIfNull(attempts);
        Attempts = [.. attempts];
        if (Attempts.Count == 0) throw new ArgumentException("A rejection rests on at least one attempt.", nameof(attempts));
        // A wall-clock report signs no result, a vote signs one: an entry of the other kind would be signed over another claim.
        if (Attempts.SelectMany(attempt => attempt.Entries).Any(entry => (entry.Ballot is null) != (reason == CertifiedRejectionReason.WallClock)))
        {
            throw new ArgumentException(
                reason == CertifiedRejectionReason.WallClock ? "A wall-clock rejection holds reports, not votes." : "A disagreement holds votes.",
                nameof(attempts));
        }
        _encoded = Encode();
    }

    public SignedJobStatement Statement { get; }

    public CertifiedRejectionReason Reason { get; }

    /// <summary>The attempts the rejection rests on, in ascending order.</summary>
    public IReadOnlyList<RejectedAttempt> Attempts { get; }

    public byte[] ToBytes() => (byte[])_encoded.Clone();

    /// <summary>
    /// Null when the receipt proves its reason under <paramref name="authority"/>; otherwise what is wrong, in words.
    /// Certificates are checked at the statement's expiry, as a job receipt's are.
    /// </summary>
    /// <param name="expectedStatement">The statement the requester kept: the receipt must carry exactly it.</param>
    /// <param name="agreement">The network's agreement fraction and attempt count (default 7/10 and 3).</param>
    /// <param name="revocations">Revocations the verifier knows of: a revoked validator's claim is not counted.</param>
    public string? ProblemUnder(
        PublicKey authority, JobStatement? expectedStatement = null, AgreementOptions? agreement = null,
        IReadOnlyCollection<ValidatorRevocation>? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var statement = Statement.Statement;
        if (!Statement.IsSignedByRequester) return "the statement is not signed by its requester";
        if (expectedStatement is not null && !expectedStatement.ToBytes().AsSpan().SequenceEqual(statement.ToBytes()))
        {
            return "the statement is not the one the requester signed for this job";
        }
        var options = agreement ?? AgreementOptions.Default;
        if (Reason == CertifiedRejectionReason.WallClock && Attempts.Count != 1)
        {
            return $"a wall-clock rejection rests on one attempt, not {Attempts.Count}";
        }
        if (Reason == CertifiedRejectionReason.Disagreement
            && !Attempts.Select(attempt => attempt.Attempt).SequenceEqual(Enumerable.Range(1, options.MaxAttempts)))
        {
            return $"a disagreement rests on attempts 1 to {options.MaxAttempts}, each once, not {string.Join(", ", Attempts.Select(attempt => attempt.Attempt))}";
        }
        var statementHash = statement.Hash();
        var threshold = options.Threshold(statement.Replication);
        foreach (var attempt in Attempts)
        {
            if (AttemptProblem(attempt, authority, statementHash, threshold, revocations) is { } problem)
            {
                return $"attempt {attempt.Attempt}: {problem}";
            }
        }
        return null;
    }

    /// <summary>Throws unless the receipt proves why the job of <paramref name="expectedStatement"/> was rejected.</summary>
    /// <exception cref="InvalidReceiptException">What is wrong.</exception>
    public void Verify(
        PublicKey authority, JobStatement expectedStatement, AgreementOptions? agreement = null,
        IReadOnlyCollection<ValidatorRevocation>? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(expectedStatement);
        if (ProblemUnder(authority, expectedStatement, agreement, revocations) is { } problem)
        {
            throw new InvalidReceiptException($"The rejection of job {expectedStatement.JobId} is not proven: {problem}.");
        }
    }

    /// <summary>Parses the canonical encoding, refusing anything else.</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 rejection receipt.</exception>
    public static RejectionReceipt FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "rejection receipt");
            if (reader.Byte() != Kind) throw new FormatException("Not a rejection receipt.");
            if (reader.Byte() != Version) throw new FormatException("Not a version-1 rejection receipt.");
            var statement = SignedJobStatement.FromBytes(reader.Prefixed(), reader.Bytes(SchnorrSignature.Size));
            var reason = (CertifiedRejectionReason)reader.Byte();
            if (!Enum.IsDefined(reason)) throw new FormatException("The rejection's reason is unknown.");
            var attempts = new List<RejectedAttempt>();
            for (var count = reader.UInt16(); attempts.Count < count;)
            {
                attempts.Add(ReadAttempt(ref reader, reason));
            }
            reader.EnsureEnd();
            var receipt = new RejectionReceipt(statement, reason, attempts);
            return receipt._encoded.AsSpan().SequenceEqual(encoded)
                ? receipt
                : throw new FormatException("The rejection receipt is not in its canonical encoding.");
        }
        catch (Exception invalid) when (invalid is ArgumentException or OverflowException or InvalidEncodingException)
        {
            throw new FormatException($"The rejection receipt is malformed: {invalid.Message}", invalid);
        }
    }

    public override string ToString() => $"RejectionReceipt({Statement.Statement.JobId}, {Reason}, {Attempts.Count} attempts)";

    private string? AttemptProblem(
        RejectedAttempt attempt, PublicKey authority, byte[] statementHash, int threshold, IReadOnlyCollection<ValidatorRevocation>? revocations)
    {
        var statement = Statement.Statement;
        var cohort = attempt.Cohort;
        if (cohort.Count != statement.Replication) return $"the cohort has {cohort.Count} members, not the statement's K = {statement.Replication}";
        if (cohort.Distinct(StringComparer.Ordinal).Count() != cohort.Count) return "the cohort names a member twice";
        var cohortHash = VoteClaim.HashCohort(cohort);
        var signers = new HashSet<string>(StringComparer.Ordinal);
        var ballots = new Dictionary<(ResultDigest, long, NoteCommitment?), int>();
        foreach (var entry in attempt.Entries)
        {
            var certificate = entry.Certificate;
            var member = certificate.ValidatorId;
            if (certificate.ProblemUnder(authority, statement.ExpiresAt) is { } problem) return $"the certificate of {member} is invalid: {problem}";
            if (certificate.Profile != attempt.Profile) return $"{member} is certified for profile {certificate.Profile}, not {attempt.Profile}";
            if (!cohort.Contains(member, StringComparer.Ordinal)) return $"{member} is not a member of the cohort";
            if (!signers.Add(member)) return $"{member} signs twice";
            var claim = entry.Ballot is { } ballot
                ? new VoteClaim(statementHash, attempt.Attempt, cohortHash, ballot.Digest, ballot.FuelUsed, attempt.Profile, ballot.Note).Hash()
                : new WallClockClaim(statementHash, attempt.Attempt, cohortHash, attempt.Profile).Hash();
            if (!certificate.ValidatorKey.Verify(claim, entry.Signature)) return $"the signature of {member} does not verify";
            if (revocations?.Any(revocation => revocation.Revokes(certificate.ValidatorKey, authority, statement.ExpiresAt)) == true)
            {
                signers.Remove(member);
                continue;
            }
            if (entry.Ballot is { } counted)
            {
                var key = (counted.Digest, counted.FuelUsed, counted.Note);
                ballots[key] = ballots.GetValueOrDefault(key) + 1;
            }
        }
        if (Reason == CertifiedRejectionReason.WallClock)
        {
            return signers.Count == cohort.Count ? null : $"{signers.Count} valid wall-clock reports of {cohort.Count} members: not every member timed out";
        }
        // Members without a counted vote are counted as if they all agreed with the biggest group: withholding votes
        // cannot fake a disagreement, only signed votes for different results can.
        var biggest = ballots.Count == 0 ? 0 : ballots.Values.Max();
        var possible = biggest + (cohort.Count - signers.Count);
        return possible < threshold ? null
            : $"{signers.Count} valid votes, the biggest group {biggest}: with the {cohort.Count - signers.Count} missing it could reach the threshold of {threshold}";
    }

    private static RejectedAttempt ReadAttempt(ref CanonicalReader reader, CertifiedRejectionReason reason)
    {
        var attempt = checked((int)reader.UInt32());
        var profile = Text(reader.Prefixed());
        var cohort = new List<string>();
        for (var count = reader.UInt16(); cohort.Count < count;)
        {
            cohort.Add(Text(reader.Prefixed()));
        }
        var entries = new List<RejectionEntry>();
        for (var count = reader.UInt16(); entries.Count < count;)
        {
            var certificate = ValidatorCertificate.FromBytes(reader.Prefixed());
            var ballot = reason == CertifiedRejectionReason.WallClock
                ? null
                : new RejectionBallot(ResultDigest.FromBytes(reader.Bytes(ResultDigest.Length)), reader.Int64(), NoteOf(ref reader));
            entries.Add(new RejectionEntry(certificate, SchnorrSignature.FromBytes(reader.Bytes(SchnorrSignature.Size)), ballot));
        }
        return new RejectedAttempt(attempt, profile, cohort, entries);
    }

    private byte[] Encode()
    {
        var statement = Statement.Statement.ToBytes();
        var attempts = Attempts.Select(attempt => attempt.ToBytes()).ToList();
        var encoded = new byte[2 + CanonicalWriter.PrefixedSize(statement.Length) + SchnorrSignature.Size + 1 + sizeof(ushort)
            + attempts.Sum(attempt => attempt.Length)];
        var writer = new CanonicalWriter(encoded);
        writer.Byte(Kind);
        writer.Byte(Version);
        writer.Prefixed(statement);
        writer.Bytes(Statement.Signature.ToBytes());
        writer.Byte((byte)Reason);
        writer.UInt16(checked((ushort)attempts.Count));
        foreach (var attempt in attempts)
        {
            writer.Bytes(attempt);
        }
        Debug.Assert(writer.IsFull, "The receipt's size is computed from the fields it writes.");
        return encoded;
    }

    private static NoteCommitment? NoteOf(ref CanonicalReader reader)
    {
        var flag = reader.Byte();
        return flag == 0
            ? null
            : new NoteCommitment(NoteCommitment.KindOf(flag), PedersenCommitment.FromBytes(reader.Bytes(PedersenCommitment.Size)));
    }

    private static string Text(ReadOnlySpan<byte> utf8) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
}

/// <summary>One attempt a rejection rests on: its number, profile, cohort in order, and its members' signed claims.</summary>
public sealed class RejectedAttempt
{
    public RejectedAttempt(int attempt, string profile, IReadOnlyList<string> cohort, IReadOnlyList<RejectionEntry> entries)
    {
        Attempt = Guard.Positive(attempt, nameof(attempt));
        ArgumentException.ThrowIfNullOrEmpty(profile);
        Profile = profile;
        ArgumentNullException.ThrowIfNull(cohort);
        Cohort = [.. cohort];
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
    }

    public int Attempt { get; }

    public string Profile { get; }

    public IReadOnlyList<string> Cohort { get; }

    public IReadOnlyList<RejectionEntry> Entries { get; }

    internal byte[] ToBytes()
    {
        var profile = Encoding.UTF8.GetBytes(Profile);
        var ids = Cohort.Select(Encoding.UTF8.GetBytes).ToList();
        var entries = Entries.Select(entry => entry.ToBytes()).ToList();
        var encoded = new byte[sizeof(uint) + CanonicalWriter.PrefixedSize(profile.Length) + sizeof(ushort)
            + ids.Sum(id => CanonicalWriter.PrefixedSize(id.Length)) + sizeof(ushort) + entries.Sum(entry => entry.Length)];
        var writer = new CanonicalWriter(encoded);
        writer.UInt32((uint)Attempt);
        writer.Prefixed(profile);
        writer.UInt16(checked((ushort)ids.Count));
        foreach (var id in ids)
        {
            writer.Prefixed(id);
        }
        writer.UInt16(checked((ushort)entries.Count));
        foreach (var entry in entries)
        {
            writer.Bytes(entry);
        }
        Debug.Assert(writer.IsFull, "The attempt's size is computed from the fields it writes.");
        return encoded;
    }
}

/// <summary>
/// One member's signed claim in a rejected attempt: its certificate, its signature and, in a disagreement, the result
/// it voted for (<c>null</c> for a wall-clock report).
/// </summary>
public sealed record RejectionEntry(ValidatorCertificate Certificate, SchnorrSignature Signature, RejectionBallot? Ballot = null)
{
    internal byte[] ToBytes()
    {
        var certificate = Certificate.ToBytes();
        byte[] ballot = Ballot is null ? [] : Ballot.ToBytes();
        var encoded = new byte[CanonicalWriter.PrefixedSize(certificate.Length) + ballot.Length + SchnorrSignature.Size];
        var writer = new CanonicalWriter(encoded);
        writer.Prefixed(certificate);
        writer.Bytes(ballot);
        writer.Bytes(Signature.ToBytes());
        Debug.Assert(writer.IsFull, "The entry's size is computed from the fields it writes.");
        return encoded;
    }
}

/// <summary>The result a vote in a disagreement signs: digest, fuel and a private result's note, as in the vote claim.</summary>
public sealed record RejectionBallot(ResultDigest Digest, long FuelUsed, NoteCommitment? Note = null)
{
    internal byte[] ToBytes()
    {
        byte[] note = Note is null ? [0] : Note.ToBytes();
        var encoded = new byte[ResultDigest.Length + sizeof(long) + note.Length];
        var writer = new CanonicalWriter(encoded);
        writer.Bytes(Digest.AsSpan());
        writer.Int64(Guard.NotNegative(FuelUsed, nameof(FuelUsed)));
        writer.Bytes(note);
        Debug.Assert(writer.IsFull, "The ballot's size is computed from the fields it writes.");
        return encoded;
    }
}
