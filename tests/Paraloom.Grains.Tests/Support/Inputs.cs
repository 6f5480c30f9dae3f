using System.Buffers.Binary;
using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains.Tests.Support;

/// <summary>Inputs for the sample programs and the results they must produce.</summary>
internal static class Inputs
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

    /// <summary>sum.wasm's output: the u64 sum.</summary>
    public static byte[] Sum(params uint[] values)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, values.Aggregate(0UL, (sum, v) => sum + v));
        return bytes;
    }

    public static ResultDigest OkDigest(byte[] output) => ResultDigestEncoding.Compute(ExecutionStatus.Ok, 0, output);
}
