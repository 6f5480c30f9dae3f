using System.Buffers.Binary;

namespace Paraloom.Compute;

/// <summary>
/// Writes the big-endian canonical encodings of what is signed (statements, certificates) into a buffer sized for
/// them beforehand, so an encoding is laid out once, in field order, with nothing implicit.
/// </summary>
internal ref struct CanonicalWriter(Span<byte> buffer)
{
    private Span<byte> _rest = buffer;

    /// <summary>True once every byte of the buffer is written: an encoder checks its size computation with it.</summary>
    public readonly bool IsFull => _rest.IsEmpty;

    public void Byte(byte value) => Take(1)[0] = value;

    public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    /// <summary>A u16 length, then the bytes.</summary>
    public void Prefixed(ReadOnlySpan<byte> value)
    {
        UInt16(checked((ushort)value.Length));
        Bytes(value);
    }

    /// <summary>The bytes a <see cref="Prefixed"/> field of <paramref name="length"/> bytes takes.</summary>
    public static int PrefixedSize(int length) => sizeof(ushort) + length;

    private Span<byte> Take(int count)
    {
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
