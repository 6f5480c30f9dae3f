using System.Buffers.Binary;

namespace Paraloom.Compute;

/// <summary>
/// Reads a big-endian canonical encoding field by field; running short or leaving bytes over is a
/// <see cref="FormatException"/> that names what was being read.
/// </summary>
internal ref struct CanonicalReader(ReadOnlySpan<byte> encoded, string what)
{
    private ReadOnlySpan<byte> _rest = encoded;
    private readonly string _what = what;

    public byte Byte() => Bytes(1)[0];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));

    /// <summary>A field written by <see cref="CanonicalWriter.Prefixed"/>.</summary>
    public ReadOnlySpan<byte> Prefixed() => Bytes(UInt16());

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (_rest.Length < count)
        {
            throw new FormatException($"The {_what} ends too soon.");
        }
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }

    public readonly void EnsureEnd()
    {
        if (!_rest.IsEmpty)
        {
            throw new FormatException($"The {_what} has bytes past its end.");
        }
    }
}
