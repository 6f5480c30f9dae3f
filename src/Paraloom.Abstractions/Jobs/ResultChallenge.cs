using Orleans;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>A single-use nonce the requester signs (with <see cref="ResultAuthorization"/>) to fetch a result.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.result-challenge")]
public sealed record ResultChallenge
{
    public const int Size = 32;

    [Id(0)]
    private readonly byte[] _nonce;

    public ResultChallenge(ReadOnlySpan<byte> nonce, DateTimeOffset expiresAt)
    {
        if (nonce.Length != Size)
        {
            throw new ArgumentException($"A result challenge is {Size} bytes.", nameof(nonce));
        }
        _nonce = nonce.ToArray();
        ExpiresAt = expiresAt;
    }

    public ReadOnlyMemory<byte> Nonce => _nonce;

    [Id(1)]
    public DateTimeOffset ExpiresAt { get; }

    public string NonceHex => Convert.ToHexStringLower(_nonce);

    public bool Equals(ResultChallenge? other) => other is not null && _nonce.AsSpan().SequenceEqual(other._nonce);

    public override int GetHashCode() => BitConverter.ToInt32(_nonce, 0);
}
