using System.Buffers.Binary;

namespace Paraloom.Testing;

/// <summary>Inputs for the sample programs in src/programs, and the outputs they must produce (formats in its README).</summary>
internal static class ProgramInputs
{
    /// <summary>n × u32 for sum.wasm.</summary>
    public static byte[] Numbers(params uint[] values)
    {
        var bytes = new byte[values.Length * sizeof(uint)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), values[i]);
        }
        return bytes;
    }

    /// <summary>sum.wasm's output for <paramref name="values"/>: their u64 sum.</summary>
    public static byte[] Sum(params uint[] values)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, values.Aggregate(0UL, (sum, v) => sum + v));
        return bytes;
    }

    /// <summary>aggregate.wasm's input: "AGG1", u32 count, count × i64.</summary>
    public static byte[] Aggregate(params long[] values)
    {
        var bytes = new byte[8 + values.Length * 8];
        "AGG1"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + i * 8), values[i]);
        }
        return bytes;
    }
}
