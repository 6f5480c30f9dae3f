namespace Paraloom.Wasm.Instrumentation;

/// <summary>Appends binary-format encodings (LEB128 integers, names, sections) to a growing buffer.</summary>
internal sealed class WasmWriter
{
    private readonly List<byte> _bytes;

    public WasmWriter(int capacity = 256) => _bytes = new List<byte>(capacity);

    public int Length => _bytes.Count;

    public void Byte(byte value) => _bytes.Add(value);

    public void Bytes(ReadOnlySpan<byte> bytes) => _bytes.AddRange(bytes);

    public void U32(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            _bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    public void S32(int value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            _bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return;
        }
    }

    /// <summary>The bits of an f32 immediate, little-endian.</summary>
    public void Fixed32(uint bits)
    {
        for (var i = 0; i < 4; i++) _bytes.Add((byte)(bits >> (8 * i)));
    }

    /// <summary>The bits of an f64 immediate, little-endian.</summary>
    public void Fixed64(ulong bits)
    {
        for (var i = 0; i < 8; i++) _bytes.Add((byte)(bits >> (8 * i)));
    }

    public void Name(string name)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        U32((uint)utf8.Length);
        Bytes(utf8);
    }

    /// <summary>Writes a section: its id, the payload's size, the payload.</summary>
    public void Section(byte id, WasmWriter payload)
    {
        Byte(id);
        U32((uint)payload.Length);
        _bytes.AddRange(payload._bytes);
    }

    public byte[] ToArray() => [.. _bytes];
}
