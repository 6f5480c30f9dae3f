using System.Buffers.Binary;

namespace Paraloom.Compute.Execution;

/// <summary>A SHA-256 as a cache key: compared and hashed as two 128-bit words, with nothing allocated per lookup.</summary>
internal readonly record struct ModuleHash(UInt128 First, UInt128 Second)
{
    public static ModuleHash Of(ReadOnlySpan<byte> sha256) =>
        new(BinaryPrimitives.ReadUInt128LittleEndian(sha256), BinaryPrimitives.ReadUInt128LittleEndian(sha256[16..32]));
}
