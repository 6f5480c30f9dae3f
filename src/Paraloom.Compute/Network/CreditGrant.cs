using System.Diagnostics;
using System.Security.Cryptography;
using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// The network authority's word that a requester key may spend more: the requester, a number of credits, a random grant id
/// (so the same grant applies once) and an expiry (so an account remembers applied ids only until then), signed by the
/// authority with BIP-340 over <see cref="Hash"/>. One canonical encoding (version 1, big-endian, layout in
/// docs/receipt-format.md).
/// </summary>
public sealed class CreditGrant
{
    public const byte Version = 1;
    public const string Tag = "paraloom/credit-grant/v1";
    public const int IdSize = 16;

    /// <summary>Version, authority, requester, credits, id, expiry.</summary>
    private const int BodySize = 1 + 2 * PublicKey.Size + sizeof(long) + IdSize + sizeof(long);

    public const int Size = BodySize + SchnorrSignature.Size;

    private static readonly DomainHash Hashing = new(Tag);

    private readonly byte[] _body;
    private readonly byte[] _id;

    private CreditGrant(
        PublicKey authority, PublicKey requester, long credits, ReadOnlySpan<byte> id, DateTimeOffset expiresAt,
        Func<byte[], SchnorrSignature> signBodyHash)
    {
        Authority = authority;
        Requester = requester;
        Credits = credits > 0 ? credits : throw new ArgumentOutOfRangeException(nameof(credits), "A grant gives a positive number of credits.");
        _id = id.Length == IdSize ? id.ToArray() : throw new ArgumentException($"A grant id is {IdSize} bytes.", nameof(id));
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        _body = EncodeBody();
        Signature = signBodyHash(Hash());
    }

    /// <summary>The key of the network authority that signed the grant.</summary>
    public PublicKey Authority { get; }

    /// <summary>The requester whose account the grant adds to.</summary>
    public PublicKey Requester { get; }

    public long Credits { get; }

    /// <summary>The grant's random id, in hex: an account applies each id once.</summary>
    public string Id => Convert.ToHexStringLower(_id);

    /// <summary>The last second (UTC) the grant may be applied.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public SchnorrSignature Signature { get; }

    /// <summary>The authority grants <paramref name="credits"/> to <paramref name="requester"/>, to be applied by <paramref name="expiresAt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The credits are not positive.</exception>
    public static CreditGrant Issue(SecretKey authority, PublicKey requester, long credits, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(requester);
        return new CreditGrant(authority.PublicKey, requester, credits, RandomNumberGenerator.GetBytes(IdSize), expiresAt, hash => authority.Sign(hash));
    }

    /// <summary>TaggedHash("paraloom/credit-grant/v1", body): what the authority signs.</summary>
    public byte[] Hash() => Hashing.Of(_body);

    /// <summary>The canonical encoding: the body, then the authority's 64-byte signature.</summary>
    public byte[] ToBytes() => [.. _body, .. Signature.ToBytes()];

    /// <summary>Null when <paramref name="authority"/> signed the grant and <paramref name="at"/> is before its expiry; otherwise why not, in words.</summary>
    public string? ProblemUnder(PublicKey authority, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (!Authority.Equals(authority)) return "it is not signed by the network authority";
        if (!authority.Verify(Hash(), Signature)) return "the authority's signature does not verify";
        return at >= ExpiresAt.AddSeconds(1) ? $"it expired at {ExpiresAt:u}" : null;
    }

    /// <summary>Parses the canonical encoding, refusing anything else.</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 credit grant.</exception>
    public static CreditGrant FromBytes(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new CanonicalReader(encoded, "credit grant");
            if (reader.Byte() != Version)
            {
                throw new FormatException("Not a version-1 credit grant.");
            }
            var authority = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var requester = PublicKey.FromBytes(reader.Bytes(PublicKey.Size));
            var credits = reader.Int64();
            var id = reader.Bytes(IdSize);
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(reader.Int64());
            var signature = SchnorrSignature.FromBytes(reader.Bytes(SchnorrSignature.Size));
            reader.EnsureEnd();
            return new CreditGrant(authority, requester, credits, id, expiresAt, _ => signature);
        }
        catch (Exception invalid) when (invalid is ArgumentException or InvalidEncodingException)
        {
            throw new FormatException($"The credit grant is malformed: {invalid.Message}", invalid);
        }
    }

    public override string ToString() => $"CreditGrant({Credits} to {Requester}, id {Id}, until {ExpiresAt:u})";

    private byte[] EncodeBody()
    {
        var body = new byte[BodySize];
        var writer = new CanonicalWriter(body);
        writer.Byte(Version);
        writer.Bytes(Authority.ToBytes());
        writer.Bytes(Requester.ToBytes());
        writer.Int64(Credits);
        writer.Bytes(_id);
        writer.Int64(ExpiresAt.ToUnixTimeSeconds());
        Debug.Assert(writer.IsFull, "The grant's size is its fields' sizes.");
        return body;
    }
}
