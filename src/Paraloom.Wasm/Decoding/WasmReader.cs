using System.Text;

namespace Paraloom.Wasm.Decoding;

/// <summary>A forward-only reader over module bytes; every overrun or over-long LEB128 is a malformed-module error.</summary>
internal sealed class WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _bytes;
    private int _end;

    public WasmReader(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        Position = start;
        _end = end;
    }

    public int Position { get; set; }

    public int End => _end;

    public int Remaining => _end - Position;

    public bool AtEnd => Position >= _end;

    /// <summary>Narrows the readable window (a section or function body) and returns the previous end.</summary>
    public int Limit(int newEnd)
    {
        var previous = _end;
        _end = newEnd;
        return previous;
    }

    public static ModuleException Malformed(string message) => new(ModuleErrorKind.Malformed, message);

    public byte ReadByte()
    {
        if (Position >= _end) throw Malformed("unexpected end");
        return _bytes[Position++];
    }

    public byte PeekByte()
    {
        if (Position >= _end) throw Malformed("unexpected end");
        return _bytes[Position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw Malformed("unexpected end of section or function");
        var span = new ReadOnlySpan<byte>(_bytes, Position, count);
        Position += count;
        return span;
    }

    public uint ReadU32()
    {
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                if ((b & 0x70) != 0) throw Malformed("integer too large");
                return result | ((uint)b << 28);
            }
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    public int ReadS32()
    {
        int result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                // The unused high bits of the last byte must all equal the sign bit.
                var high = b & 0x78;
                if (high != 0 && high != 0x78) throw Malformed("integer too large");
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0) result |= -1 << (shift + 7);
                return result;
            }
        }
    }

    public long ReadS64()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                if (b != 0 && b != 0x7F) throw Malformed("integer too large");
                return result | ((long)b << 63);
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0 && shift + 7 < 64) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    /// <summary>A signed 33-bit integer (block types); returns it widened to long.</summary>
    public long ReadS33()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                var high = b & 0x70;
                if (high != 0 && high != 0x70) throw Malformed("integer too large");
                result |= (long)(b & 0x7F) << 28;
                if ((b & 0x10) != 0) result |= -1L << 33;
                return result;
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    public uint ReadFixedU32()
    {
        var span = ReadBytes(4);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    public ulong ReadFixedU64()
    {
        var span = ReadBytes(8);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span);
    }

    /// <summary>A vector length, bounded by the bytes left (each element takes at least one byte) and by <paramref name="limit"/>.</summary>
    public int ReadCount(int limit, string what)
    {
        var count = ReadU32();
        if (count > limit) throw new ModuleException(ModuleErrorKind.TooLarge, $"too many {what}: {count} (limit {limit})");
        if (count > (uint)Remaining) throw Malformed($"length out of bounds: {count} {what} in {Remaining} bytes");
        return (int)count;
    }

    public string ReadName()
    {
        var length = ReadU32();
        if (length > (uint)Remaining) throw Malformed("length out of bounds");
        var span = ReadBytes((int)length);
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("malformed UTF-8 encoding");
        }
    }

    public ValueType ReadValueType()
    {
        var b = ReadByte();
        if (!ValueTypes.IsDefined(b)) throw Malformed($"malformed value type 0x{b:x2}");
        return (ValueType)b;
    }

    public ValueType ReadReferenceType()
    {
        var b = ReadByte();
        if (b != (byte)ValueType.FuncRef && b != (byte)ValueType.ExternRef) throw Malformed($"malformed reference type 0x{b:x2}");
        return (ValueType)b;
    }
}
