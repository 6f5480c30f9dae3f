using System.Diagnostics;
using System.Text;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute;

/// <summary>
/// The proof that a job's result is what a threshold of one certified cohort signed: the requester's signed statement,
/// the attempt, its profile and cohort, the outcome (status, code, digest and a private output's fingerprint), the
/// fuel, a private output's note, and the agreeing votes, each with its member's validator certificate. One canonical encoding (version 1,
/// layout in docs/receipt-format.md); checking it needs only the network authority's key and the output received.
/// </summary>
public sealed class JobReceipt
{
    public const byte Version = 1;

    private const byte Absent = 0;
    private const byte Present = 1;

    private readonly byte[] _encoded;

    public JobReceipt(
        SignedJobStatement statement, int attempt, string profile, IReadOnlyList<string> cohort, ExecutionStatus status, uint code,
        ResultDigest digest, ResultDigest? outputFingerprint, long fuelUsed, IReadOnlyList<ReceiptVote> votes, NoteCommitment? note = null)
    {
        Statement = statement ?? throw new ArgumentNullException(nameof(statement));
        Attempt = Guard.Positive(attempt, nameof(attempt));
        ArgumentException.ThrowIfNullOrEmpty(profile);
        Profile = profile;
        ArgumentNullException.ThrowIfNull(cohort);
        Cohort = [.. cohort];
        Status = status == ExecutionStatus.TimedOut ? throw new ArgumentException("A timeout is no result.", nameof(status)) : status;
        // A success has no code, and only a private job's success has a fingerprint (docs/cryptography.md §11): with
        // either rule broken, a receipt checked without its output would name a result its digest does not bind.
        Code = status == ExecutionStatus.Ok && code != 0 ? throw new ArgumentException("A successful result has code 0.", nameof(code)) : code;
        Digest = digest ?? throw new ArgumentNullException(nameof(digest));
        OutputFingerprint = outputFingerprint is not null && status != ExecutionStatus.Ok
            ? throw new ArgumentException("Only a successful result has an output fingerprint.", nameof(outputFingerprint))
            : outputFingerprint;
        FuelUsed = Guard.NotNegative(fuelUsed, nameof(fuelUsed));
        ArgumentNullException.ThrowIfNull(votes);
        Votes = [.. votes];
        Note = note;
        _encoded = Encode();
    }

    public SignedJobStatement Statement { get; }

    public int Attempt { get; }

    public string Profile { get; }

    /// <summary>The attempt's member ids, in the order the job chose them.</summary>
    public IReadOnlyList<string> Cohort { get; }

    public ExecutionStatus Status { get; }

    /// <summary>The trap or ABI error code; 0 for success.</summary>
    public uint Code { get; }

    public ResultDigest Digest { get; }

    public ResultDigest? OutputFingerprint { get; }

    public long FuelUsed { get; }

    public IReadOnlyList<ReceiptVote> Votes { get; }

    /// <summary>
    /// A private job's output note, which every vote signs (each vote carries it in the encoding, so a receipt whose votes
    /// disagree on it does not parse); <c>null</c> for every other result.
    /// </summary>
    public NoteCommitment? Note { get; }

    /// <summary>What every vote of the receipt signs.</summary>
    public VoteClaim Claim => new(Statement.Statement.Hash(), Attempt, VoteClaim.HashCohort(Cohort), Digest, FuelUsed, Profile, Note);

    public byte[] ToBytes() => (byte[])_encoded.Clone();

    /// <summary>
    /// Null when the receipt proves its result under <paramref name="authority"/>; otherwise what is wrong, in words.
    /// Certificates are checked at the statement's expiry: a moment the requester signed, so every verifier, at any
    /// time, reaches the same verdict.
    /// </summary>
    /// <param name="expectedStatement">The statement the requester kept: the receipt must carry exactly it.</param>
    /// <param name="output">The output received: its digest must be the receipt's.</param>
    /// <param name="agreement">The network's agreement fraction (default 7/10).</param>
    /// <param name="revocations">
    /// Revocations the verifier knows of: the vote of a validator revoked at or before the statement's expiry is not
    /// counted. Revocations by another authority than <paramref name="authority"/>, or whose signature does not verify,
    /// revoke nothing.
    /// </param>
    public string? ProblemUnder(
        PublicKey authority, JobStatement? expectedStatement = null, ReadOnlySpan<byte> output = default, bool checkOutput = false,
        AgreementOptions? agreement = null, IReadOnlyCollection<ValidatorRevocation>? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var statement = Statement.Statement;
        if (!Statement.IsSignedByRequester) return "the statement is not signed by its requester";
        if (expectedStatement is not null && !expectedStatement.ToBytes().AsSpan().SequenceEqual(statement.ToBytes()))
        {
            return "the statement is not the one the requester signed for this job";
        }
        // A trap or ABI error has no output, so its digest, which covers its status and code, is checked even offline.
        if ((checkOutput || Status != ExecutionStatus.Ok)
            && ResultDigestEncoding.Compute(Status, Code, Status == ExecutionStatus.Ok ? output : [], OutputFingerprint) != Digest)
        {
            return checkOutput
                ? "the result received is not the one the cohort signed (its digest differs)"
                : "the status and code are not the ones the cohort signed (their digest differs)";
        }
        if (Note is not null && OutputFingerprint is null) return "a note is certified for a result that has no private output";
        if (Cohort.Count != statement.Replication) return $"the cohort has {Cohort.Count} members, not the statement's K = {statement.Replication}";
        if (Cohort.Distinct(StringComparer.Ordinal).Count() != Cohort.Count) return "the cohort names a member twice";
        var claim = Claim.Hash();
        var signers = new HashSet<string>(StringComparer.Ordinal);
        var revoked = 0;
        foreach (var vote in Votes)
        {
            var certificate = vote.Certificate;
            var member = certificate.ValidatorId;
            if (certificate.ProblemUnder(authority, statement.ExpiresAt) is { } problem) return $"the certificate of {member} is invalid: {problem}";
            if (certificate.Profile != Profile) return $"{member} is certified for profile {certificate.Profile}, not {Profile}";
            if (!Cohort.Contains(member, StringComparer.Ordinal)) return $"{member} is not a member of the cohort";
            if (!signers.Add(member)) return $"{member} votes twice";
            if (!certificate.ValidatorKey.Verify(claim, vote.Signature)) return $"the vote of {member} does not verify";
            // Checked at the moment certificates are: a key revoked by then may have signed anything.
            if (revocations?.Any(revocation => revocation.Revokes(certificate.ValidatorKey, authority, statement.ExpiresAt)) == true)
            {
                signers.Remove(member);
                revoked++;
            }
        }
        var threshold = (agreement ?? AgreementOptions.Default).Threshold(statement.Replication);
        return signers.Count >= threshold ? null
            : revoked == 0 ? $"{signers.Count} valid votes, below the threshold of {threshold}"
            : $"{signers.Count} valid votes ({revoked} more of revoked validators, not counted), below the threshold of {threshold}";
    }

    /// <summary>Throws unless the receipt proves <paramref name="output"/> for <paramref name="expectedStatement"/>.</summary>
    /// <exception cref="InvalidReceiptException">What is wrong.</exception>
    public void Verify(PublicKey authority, JobStatement expectedStatement, ReadOnlySpan<byte> output, AgreementOptions? agreement = null)
    {
        if (ProblemUnder(authority, expectedStatement, output, checkOutput: true, agreement) is { } problem)
        {
            throw new InvalidReceiptException($"The result of job {expectedStatement.JobId} is not proven: {problem}.");
        }
    }

    /// <summary>Parses the canonical encoding, refusing anything else.</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 receipt.</exception>
    public static JobReceipt FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "job receipt");
            if (reader.Byte() != Version) throw new FormatException("Not a version-1 job receipt.");
            var statement = SignedJobStatement.FromBytes(reader.Prefixed(), reader.Bytes(SchnorrSignature.Size));
            var attempt = checked((int)reader.UInt32());
            var profile = Text(reader.Prefixed());
            var cohort = new List<string>();
            for (var count = reader.UInt16(); cohort.Count < count;)
            {
                cohort.Add(Text(reader.Prefixed()));
            }
            var status = (ExecutionStatus)reader.Byte();
            if (!Enum.IsDefined(status)) throw new FormatException("The receipt's status is unknown.");
            var code = reader.UInt32();
            var digest = ResultDigest.FromBytes(reader.Bytes(ResultDigest.Length));
            var fingerprint = Flag(reader.Byte()) ? ResultDigest.FromBytes(reader.Bytes(ResultDigest.Length)) : null;
            var fuel = reader.Int64();
            var votes = new List<ReceiptVote>();
            NoteCommitment? note = null;
            for (var count = reader.UInt16(); votes.Count < count;)
            {
                var certificate = ValidatorCertificate.FromBytes(reader.Prefixed());
                var voteNote = NoteOf(ref reader);
                if (votes.Count > 0 && !Equals(voteNote, note)) throw new FormatException("The receipt's votes disagree on the note.");
                note = voteNote;
                votes.Add(new ReceiptVote(certificate, SchnorrSignature.FromBytes(reader.Bytes(SchnorrSignature.Size))));
            }
            reader.EnsureEnd();
            var receipt = new JobReceipt(statement, attempt, profile, cohort, status, code, digest, fingerprint, fuel, votes, note);
            return receipt._encoded.AsSpan().SequenceEqual(encoded)
                ? receipt
                : throw new FormatException("The job receipt is not in its canonical encoding.");
        }
        catch (Exception invalid) when (invalid is ArgumentException or OverflowException or InvalidEncodingException)
        {
            throw new FormatException($"The job receipt is malformed: {invalid.Message}", invalid);
        }
    }

    public override string ToString() => $"JobReceipt({Statement.Statement.JobId}/{Attempt}, {Status}, {Votes.Count} votes)";

    private byte[] Encode()
    {
        var statement = Statement.Statement.ToBytes();
        var profile = Encoding.UTF8.GetBytes(Profile);
        var ids = Cohort.Select(Encoding.UTF8.GetBytes).ToList();
        var certificates = Votes.Select(vote => vote.Certificate.ToBytes()).ToList();
        // The note flag is the note's kind, as in the vote claim.
        byte[] note = Note is null ? [Absent] : Note.ToBytes();
        var encoded = new byte[1 + CanonicalWriter.PrefixedSize(statement.Length) + SchnorrSignature.Size + sizeof(uint)
            + CanonicalWriter.PrefixedSize(profile.Length) + sizeof(ushort) + ids.Sum(id => CanonicalWriter.PrefixedSize(id.Length))
            + 1 + sizeof(uint) + ResultDigest.Length + 1 + (OutputFingerprint is null ? 0 : ResultDigest.Length) + sizeof(long)
            + sizeof(ushort) + certificates.Sum(certificate => CanonicalWriter.PrefixedSize(certificate.Length) + note.Length + SchnorrSignature.Size)];
        var writer = new CanonicalWriter(encoded);
        writer.Byte(Version);
        writer.Prefixed(statement);
        writer.Bytes(Statement.Signature.ToBytes());
        writer.UInt32((uint)Attempt);
        writer.Prefixed(profile);
        writer.UInt16(checked((ushort)ids.Count));
        foreach (var id in ids)
        {
            writer.Prefixed(id);
        }
        writer.Byte((byte)Status);
        writer.UInt32(Code);
        writer.Bytes(Digest.AsSpan());
        writer.Byte(OutputFingerprint is null ? Absent : Present);
        writer.Bytes(OutputFingerprint is null ? [] : OutputFingerprint.AsSpan());
        writer.Int64(FuelUsed);
        writer.UInt16(checked((ushort)Votes.Count));
        for (var i = 0; i < Votes.Count; i++)
        {
            writer.Prefixed(certificates[i]);
            writer.Bytes(note);
            writer.Bytes(Votes[i].Signature.ToBytes());
        }
        Debug.Assert(writer.IsFull, "The receipt's size is computed from the fields it writes.");
        return encoded;
    }

    private static NoteCommitment? NoteOf(ref CanonicalReader reader)
    {
        var flag = reader.Byte();
        return flag == Absent
            ? null
            : new NoteCommitment(NoteCommitment.KindOf(flag), PedersenCommitment.FromBytes(reader.Bytes(PedersenCommitment.Size)));
    }

    private static bool Flag(byte value) => value switch
    {
        Absent => false,
        Present => true,
        _ => throw new FormatException("A flag byte is 0 or 1."),
    };

    private static string Text(ReadOnlySpan<byte> utf8) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
}

/// <summary>One agreeing vote of a receipt: the member's certificate and its signature over the receipt's claim.</summary>
public sealed record ReceiptVote(ValidatorCertificate Certificate, SchnorrSignature Signature);
