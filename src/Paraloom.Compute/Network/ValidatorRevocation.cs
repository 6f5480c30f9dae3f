using System.Diagnostics;
using System.Text;
using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// The network authority's word that a validator key may no longer vote: the key, the moment from which its votes
/// stop counting and a reason, signed by the authority with BIP-340 over <see cref="Hash"/>. A revocation names the key,
/// not one certificate, so it outlives every certificate ever issued for that key. The moment may lie in the past (a key
/// found stolen since then): a receipt whose statement expires at or after it does not count that key's vote. One
/// canonical encoding (version 1, big-endian, layout in docs/receipt-format.md).
/// </summary>
public sealed class ValidatorRevocation
{
    public const byte Version = 1;
    public const string Tag = "paraloom/validator-revocation/v1";
    public const int MaxReasonBytes = 256;

    private static readonly DomainHash Hashing = new(Tag);

    private readonly byte[] _body;

    private ValidatorRevocation(
        PublicKey authority, PublicKey validatorKey, DateTimeOffset effectiveFrom, string reason, Func<byte[], SchnorrSignature> signBodyHash)
    {
        Authority = authority;
        ValidatorKey = validatorKey;
        EffectiveFrom = effectiveFrom >= DateTimeOffset.UnixEpoch
            ? DateTimeOffset.FromUnixTimeSeconds(effectiveFrom.ToUnixTimeSeconds())
            : throw new ArgumentOutOfRangeException(nameof(effectiveFrom), effectiveFrom, "A revocation takes effect in 1970 or later.");
        Reason = AuthorityText.Checked(reason, nameof(reason), MaxReasonBytes);
        _body = EncodeBody();
        Signature = signBodyHash(Hash());
    }

    /// <summary>The key of the network authority that revoked the validator.</summary>
    public PublicKey Authority { get; }

    /// <summary>The key whose votes no longer count.</summary>
    public PublicKey ValidatorKey { get; }

    /// <summary>The id of the revoked validator, derived from its key.</summary>
    public string ValidatorId => ValidatorIdentity.FromPublicKey(ValidatorKey);

    /// <summary>The first second (UTC) from which the key's votes do not count.</summary>
    public DateTimeOffset EffectiveFrom { get; }

    /// <summary>Why, for the people reading it.</summary>
    public string Reason { get; }

    public SchnorrSignature Signature { get; }

    /// <summary>The authority revokes <paramref name="validatorKey"/> from <paramref name="effectiveFrom"/> on.</summary>
    /// <exception cref="ArgumentException">An empty, oversized or control-character reason, or a moment before 1970.</exception>
    public static ValidatorRevocation Issue(SecretKey authority, PublicKey validatorKey, DateTimeOffset effectiveFrom, string reason)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(validatorKey);
        return new ValidatorRevocation(authority.PublicKey, validatorKey, effectiveFrom, reason, hash => authority.Sign(hash));
    }

    /// <summary>TaggedHash("paraloom/validator-revocation/v1", body): what the authority signs.</summary>
    public byte[] Hash() => Hashing.Of(_body);

    /// <summary>The canonical encoding: the body, then the authority's 64-byte signature.</summary>
    public byte[] ToBytes() => [.. _body, .. Signature.ToBytes()];

    /// <summary>Null when <paramref name="authority"/> issued the revocation and its signature verifies; otherwise why not, in words.</summary>
    public string? ProblemUnder(PublicKey authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (!Authority.Equals(authority)) return $"it was issued by another authority ({Authority})";
        return authority.Verify(Hash(), Signature) ? null : "the authority's signature does not verify";
    }

    /// <summary>
    /// Whether this revocation, once it verifies under <paramref name="authority"/>, takes <paramref name="validatorKey"/>'s
    /// vote away at <paramref name="at"/>: same key, and in effect at or before that moment.
    /// </summary>
    public bool Revokes(PublicKey validatorKey, PublicKey authority, DateTimeOffset at) =>
        ValidatorKey.Equals(validatorKey) && at >= EffectiveFrom && ProblemUnder(authority) is null;

    /// <summary>Parses the canonical encoding, refusing anything else (another version, trailing bytes, bad values).</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 validator revocation.</exception>
    public static ValidatorRevocation FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "validator revocation");
            if (reader.Byte() != Version)
            {
                throw new FormatException("Not a version-1 validator revocation.");
            }
            var authority = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var validatorKey = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var effectiveFrom = DateTimeOffset.FromUnixTimeSeconds(reader.Int64());
            var reason = AuthorityText.Decode(reader.Prefixed());
            var signature = SchnorrSignature.FromBytes(reader.Bytes(SchnorrSignature.Size));
            reader.EnsureEnd();
            var revocation = new ValidatorRevocation(authority, validatorKey, effectiveFrom, reason, _ => signature);
            return revocation.ToBytes().AsSpan().SequenceEqual(encoded)
                ? revocation
                : throw new FormatException("The validator revocation is not in its canonical encoding.");
        }
        catch (Exception invalid) when (invalid is ArgumentException or InvalidEncodingException)
        {
            throw new FormatException($"The validator revocation is malformed: {invalid.Message}", invalid);
        }
    }

    public override string ToString() => $"ValidatorRevocation({ValidatorId} from {EffectiveFrom:u}: {Reason}, by {Authority})";

    private byte[] EncodeBody()
    {
        var reasonBytes = Encoding.UTF8.GetBytes(Reason);
        var body = new byte[1 + 2 * PublicKey.Size + sizeof(long) + CanonicalWriter.PrefixedSize(reasonBytes.Length)];
        var writer = new CanonicalWriter(body);
        writer.Byte(Version);
        writer.Bytes(Authority.ToBytes());
        writer.Bytes(ValidatorKey.ToBytes());
        writer.Int64(EffectiveFrom.ToUnixTimeSeconds());
        writer.Prefixed(reasonBytes);
        Debug.Assert(writer.IsFull, "The revocation's size is computed from the fields it writes.");
        return body;
    }
}
