using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// What a requester signs when it submits a job, in one canonical byte encoding (version 1, every integer
/// big-endian, layout in docs/receipt-format.md): the job id, the module's SHA-256, the input's SHA-256 (public job)
/// or its Pedersen commitment (private job), the job's nonce, the requester's key, the limits, K and an expiry. A
/// job is accepted only with the requester's BIP-340 signature over <see cref="Hash"/>, so nobody can submit under a
/// key it does not hold, and only before its expiry, so a statement replayed once retention forgot its job is refused.
/// </summary>
public sealed class JobStatement
{
    public const byte Version = 1;
    public const string Tag = "paraloom/job-statement/v1";
    public const int HashSize = 32;

    private const byte PublicKind = 0;
    private const byte PrivateKind = 1;
    private static readonly DomainHash Hashing = new(Tag);

    private readonly byte[] _moduleHash;
    private readonly byte[] _inputBinding;
    private readonly byte[] _encoded;

    private JobStatement(
        JobId jobId, byte[] moduleHash, bool isPrivate, byte[] inputBinding, JobNonce nonce, PublicKey requester,
        ResourceLimits limits, int replication, DateTimeOffset expiresAt)
    {
        JobId = jobId;
        _moduleHash = moduleHash;
        IsPrivate = isPrivate;
        _inputBinding = inputBinding;
        Nonce = nonce;
        Requester = requester;
        Limits = WholeMilliseconds(limits);
        Replication = replication is >= 1 and <= ushort.MaxValue
            ? replication
            : throw new ArgumentOutOfRangeException(nameof(replication), replication, "K is from 1 to 65535.");
        // The encoding carries an unsigned count of seconds: a time before 1970 has none.
        ExpiresAt = expiresAt >= DateTimeOffset.UnixEpoch
            ? DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds())
            : throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "A statement expires in 1970 or later.");
        _encoded = Encode();
    }

    public JobId JobId { get; }

    /// <summary>SHA-256 of the module.</summary>
    public ReadOnlySpan<byte> ModuleHash => _moduleHash;

    public bool IsPrivate { get; }

    /// <summary>SHA-256 of a public job's input, or a private job's 33-byte input commitment.</summary>
    public ReadOnlySpan<byte> InputBinding => _inputBinding;

    /// <summary>A private job's commitment to its input; null for a public job.</summary>
    public PedersenCommitment? InputCommitment => IsPrivate ? PedersenCommitment.FromBytes(_inputBinding) : null;

    /// <summary>Fresh per job: the salt of a private job's key; for a public job it only makes statements unique.</summary>
    public JobNonce Nonce { get; }

    public PublicKey Requester { get; }

    /// <summary>The limits, every time span in whole milliseconds as encoded.</summary>
    public ResourceLimits Limits { get; }

    public int Replication { get; }

    /// <summary>The last second (UTC) at which the job may be submitted.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>A public job's statement; <paramref name="nonce"/> defaults to 32 fresh random bytes.</summary>
    public static JobStatement ForPublic(
        JobId jobId, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, PublicKey requester, ResourceLimits limits,
        int replication, DateTimeOffset expiresAt, JobNonce? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(limits);
        return new(jobId, SHA256.HashData(module), false, SHA256.HashData(input),
            nonce ?? JobNonce.FromBytes(RandomNumberGenerator.GetBytes(JobNonce.Size)), requester, limits, replication, expiresAt);
    }

    /// <summary>A private job's statement: it names the input by its commitment and the job key's nonce.</summary>
    public static JobStatement ForPrivate(
        JobId jobId, ReadOnlySpan<byte> module, PedersenCommitment inputCommitment, JobNonce nonce, PublicKey requester,
        ResourceLimits limits, int replication, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(inputCommitment);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(limits);
        return new(jobId, SHA256.HashData(module), true, inputCommitment.ToBytes(), nonce, requester, limits, replication, expiresAt);
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] ToBytes() => (byte[])_encoded.Clone();

    /// <summary>TaggedHash("paraloom/job-statement/v1", encoding): what the requester signs and every vote names.</summary>
    public byte[] Hash() => Hashing.Of(_encoded);

    /// <summary>The requester's signature over <see cref="Hash"/>.</summary>
    /// <exception cref="ArgumentException">The secret key is not the statement's requester.</exception>
    public SignedJobStatement Sign(SecretKey requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (!requester.PublicKey.Equals(Requester))
        {
            throw new ArgumentException("Only the statement's requester signs it.", nameof(requester));
        }
        return new SignedJobStatement(this, requester.Sign(Hash()));
    }

    /// <summary>Parses the canonical encoding, refusing anything else (another version, trailing bytes, bad values).</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 job statement.</exception>
    public static JobStatement FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "job statement");
            if (reader.Byte() != Version)
            {
                throw new FormatException("Not a version-1 job statement.");
            }
            var kind = reader.Byte();
            if (kind is not (PublicKind or PrivateKind))
            {
                throw new FormatException("A job statement is public (0) or private (1).");
            }
            var jobId = JobId.TryParse(Encoding.UTF8.GetString(reader.Prefixed()), out var id)
                ? id
                : throw new FormatException("The statement's job id is not a valid job id.");
            var moduleHash = reader.Bytes(32).ToArray();
            var binding = reader.Bytes(kind == PrivateKind ? PedersenCommitment.Size : 32).ToArray();
            var nonce = JobNonce.FromBytes(reader.Bytes(JobNonce.Size));
            var requester = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var limits = new ResourceLimits
            {
                MemoryBytes = reader.Int64(),
                Fuel = reader.Int64(),
                WallClock = TimeSpan.FromMilliseconds(reader.Int64()),
                DistributionTimeout = TimeSpan.FromMilliseconds(reader.Int64()),
                MaxOutputBytes = checked((int)reader.UInt32()),
            };
            var replication = reader.UInt16();
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(reader.Int64());
            reader.EnsureEnd();
            if (kind == PrivateKind)
            {
                PedersenCommitment.FromBytes(binding);
            }
            var statement = new JobStatement(jobId, moduleHash, kind == PrivateKind, binding, nonce, requester, limits, replication, expiresAt);
            return statement._encoded.AsSpan().SequenceEqual(encoded)
                ? statement
                : throw new FormatException("The job statement is not in its canonical encoding.");
        }
        catch (Exception invalid) when (invalid is ArgumentException or OverflowException)
        {
            throw new FormatException($"The job statement is malformed: {invalid.Message}", invalid);
        }
    }

    /// <summary>
    /// Null when <paramref name="job"/> is the job this statement describes (id, module, input, requester of a private
    /// job, limits, K); otherwise which field differs.
    /// </summary>
    public string? MismatchWith(JobSpec job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Id.Equals(JobId)) return "job id";
        if (!job.ModuleHash.Span.SequenceEqual(_moduleHash)) return "module";
        if (job.IsPrivate != IsPrivate) return "kind (public or private)";
        if (job.Envelope is { } envelope)
        {
            if (!envelope.InputCommitment.ToBytes().AsSpan().SequenceEqual(_inputBinding)) return "input commitment";
            if (!envelope.Requester.Equals(Requester)) return "requester";
        }
        else if (!SHA256.HashData(job.Input.Span).AsSpan().SequenceEqual(_inputBinding))
        {
            return "input";
        }
        if (WholeMilliseconds(job.Limits) != Limits) return "limits";
        return job.Replication != Replication ? "replication" : null;
    }

    public override string ToString() => $"JobStatement({JobId}, {(IsPrivate ? "private" : "public")}, K={Replication}, until {ExpiresAt:u})";

    private byte[] Encode()
    {
        var id = Encoding.UTF8.GetBytes(JobId.Value);
        var encoded = new byte[2 + CanonicalWriter.PrefixedSize(id.Length) + 32 + _inputBinding.Length + JobNonce.Size + PublicKey.Size + 4 * 8 + 4 + 2 + 8];
        var writer = new CanonicalWriter(encoded);
        writer.Byte(Version);
        writer.Byte(IsPrivate ? PrivateKind : PublicKind);
        writer.Prefixed(id);
        writer.Bytes(_moduleHash);
        writer.Bytes(_inputBinding);
        writer.Bytes(Nonce.ToBytes());
        writer.Bytes(Requester.ToBytes());
        writer.Int64(Limits.MemoryBytes);
        writer.Int64(Limits.Fuel);
        writer.Int64((long)Limits.WallClock.TotalMilliseconds);
        writer.Int64((long)Limits.DistributionTimeout.TotalMilliseconds);
        writer.UInt32((uint)Limits.MaxOutputBytes);
        writer.UInt16((ushort)Replication);
        writer.Int64(ExpiresAt.ToUnixTimeSeconds());
        Debug.Assert(writer.IsFull, "The statement's size is computed from the fields it writes.");
        return encoded;
    }

    /// <summary>Time spans rounded up to whole milliseconds, as the encoding carries them (never down to zero).</summary>
    private static ResourceLimits WholeMilliseconds(ResourceLimits limits) => limits with
    {
        WallClock = Ceiling(limits.WallClock),
        DistributionTimeout = Ceiling(limits.DistributionTimeout),
    };

    private static TimeSpan Ceiling(TimeSpan span) => TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds));
}
