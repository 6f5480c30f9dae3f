using System.Diagnostics;
using System.Text;
using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// The network authority's word that a key may vote: a validator's x-only public key, the operator (silo or
/// organisation) it belongs to, the execution profile it runs and a validity period, signed by the authority with
/// BIP-340 over <see cref="Hash"/>. The validator's id is derived from its key (<see cref="ValidatorIdentity"/>), so a
/// certificate cannot lend one validator's standing to another key. One canonical encoding (version 1, big-endian,
/// layout in docs/receipt-format.md); receipts carry certificates so a verifier needs only the authority's key.
/// </summary>
public sealed class ValidatorCertificate
{
    public const byte Version = 1;
    public const string Tag = "paraloom/validator-certificate/v1";
    public const int MaxOperatorBytes = 128;
    public const int MaxProfileBytes = 256;

    private static readonly DomainHash Hashing = new(Tag);

    private readonly byte[] _body;

    private ValidatorCertificate(
        PublicKey authority, PublicKey validatorKey, string @operator, string profile, DateTimeOffset notBefore,
        DateTimeOffset notAfter, Func<byte[], SchnorrSignature> signBodyHash)
    {
        Authority = authority;
        ValidatorKey = validatorKey;
        Operator = AuthorityText.Checked(@operator, nameof(@operator), MaxOperatorBytes);
        Profile = AuthorityText.Checked(profile, nameof(profile), MaxProfileBytes);
        NotBefore = WholeSeconds(notBefore, nameof(notBefore));
        NotAfter = WholeSeconds(notAfter, nameof(notAfter));
        if (NotAfter < NotBefore)
        {
            throw new ArgumentException("A certificate's validity ends after it begins.", nameof(notAfter));
        }
        _body = EncodeBody();
        Signature = signBodyHash(Hash());
    }

    /// <summary>The key of the network authority that issued the certificate.</summary>
    public PublicKey Authority { get; }

    /// <summary>The key the validator signs its votes with.</summary>
    public PublicKey ValidatorKey { get; }

    /// <summary>The id every other part of the system knows the validator by, derived from its key.</summary>
    public string ValidatorId => ValidatorIdentity.FromPublicKey(ValidatorKey);

    /// <summary>The silo or organisation that runs the validator.</summary>
    public string Operator { get; }

    /// <summary>The execution profile the validator is admitted to vote under.</summary>
    public string Profile { get; }

    /// <summary>The first second (UTC) the certificate is valid.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>The last second (UTC) the certificate is valid.</summary>
    public DateTimeOffset NotAfter { get; }

    public SchnorrSignature Signature { get; }

    /// <summary>The authority certifies <paramref name="validatorKey"/> for <paramref name="profile"/> from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    /// <exception cref="ArgumentException">An empty or oversized operator or profile, or a validity that ends before it begins.</exception>
    public static ValidatorCertificate Issue(
        SecretKey authority, PublicKey validatorKey, string @operator, string profile, DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(validatorKey);
        return new ValidatorCertificate(authority.PublicKey, validatorKey, @operator, profile, notBefore, notAfter, hash => authority.Sign(hash));
    }

    /// <summary>TaggedHash("paraloom/validator-certificate/v1", body): what the authority signs.</summary>
    public byte[] Hash() => Hashing.Of(_body);

    /// <summary>The canonical encoding: the body, then the authority's 64-byte signature.</summary>
    public byte[] ToBytes() => [.. _body, .. Signature.ToBytes()];

    /// <summary>
    /// Null when the certificate was issued by <paramref name="authority"/>, its signature verifies and
    /// <paramref name="at"/> is within its validity; otherwise why not, in words.
    /// </summary>
    public string? ProblemUnder(PublicKey authority, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (!Authority.Equals(authority)) return $"it was issued by another authority ({Authority})";
        if (!authority.Verify(Hash(), Signature)) return "the authority's signature does not verify";
        if (at < NotBefore) return $"it is not valid before {NotBefore:u}";
        // Valid until the end of its last second: compared in whole seconds, since not after + 1 s may lie past year 9999.
        return at.ToUnixTimeSeconds() > NotAfter.ToUnixTimeSeconds() ? $"it expired at {NotAfter:u}" : null;
    }

    /// <summary>Parses the canonical encoding, refusing anything else (another version, trailing bytes, bad values).</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 validator certificate.</exception>
    public static ValidatorCertificate FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "validator certificate");
            if (reader.Byte() != Version)
            {
                throw new FormatException("Not a version-1 validator certificate.");
            }
            var authority = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var validatorKey = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var @operator = AuthorityText.Decode(reader.Prefixed());
            var profile = AuthorityText.Decode(reader.Prefixed());
            var notBefore = DateTimeOffset.FromUnixTimeSeconds(reader.Int64());
            var notAfter = DateTimeOffset.FromUnixTimeSeconds(reader.Int64());
            var signature = SchnorrSignature.FromBytes(reader.Bytes(SchnorrSignature.Size));
            reader.EnsureEnd();
            var certificate = new ValidatorCertificate(authority, validatorKey, @operator, profile, notBefore, notAfter, _ => signature);
            return certificate.ToBytes().AsSpan().SequenceEqual(encoded)
                ? certificate
                : throw new FormatException("The validator certificate is not in its canonical encoding.");
        }
        catch (Exception invalid) when (invalid is ArgumentException or InvalidEncodingException)
        {
            throw new FormatException($"The validator certificate is malformed: {invalid.Message}", invalid);
        }
    }

    public override string ToString() =>
        $"ValidatorCertificate({ValidatorId}, {Operator}, {Profile}, {NotBefore:u} to {NotAfter:u}, by {Authority})";

    private byte[] EncodeBody()
    {
        var operatorBytes = Encoding.UTF8.GetBytes(Operator);
        var profileBytes = Encoding.UTF8.GetBytes(Profile);
        var body = new byte[1 + 2 * PublicKey.Size + CanonicalWriter.PrefixedSize(operatorBytes.Length)
            + CanonicalWriter.PrefixedSize(profileBytes.Length) + 2 * sizeof(long)];
        var writer = new CanonicalWriter(body);
        writer.Byte(Version);
        writer.Bytes(Authority.ToBytes());
        writer.Bytes(ValidatorKey.ToBytes());
        writer.Prefixed(operatorBytes);
        writer.Prefixed(profileBytes);
        writer.Int64(NotBefore.ToUnixTimeSeconds());
        writer.Int64(NotAfter.ToUnixTimeSeconds());
        Debug.Assert(writer.IsFull, "The certificate's size is computed from the fields it writes.");
        return body;
    }

    /// <summary>A validity bound in whole seconds; the encoding carries an unsigned count of them, so none before 1970.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset at, string name) =>
        at >= DateTimeOffset.UnixEpoch
            ? DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds())
            : throw new ArgumentOutOfRangeException(name, at, "A certificate's validity lies in 1970 or later.");
}
