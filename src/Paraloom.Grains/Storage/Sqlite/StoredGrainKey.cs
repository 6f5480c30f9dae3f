using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace Paraloom.Grains;

/// <summary>
/// A grain state's row key in OrleansStorage, computed exactly as Orleans' ADO.NET provider computes it (its internal
/// AdoGrainKey and default hasher), so rows that provider wrote are read and updated in place.
/// </summary>
internal readonly record struct StoredGrainKey(int IdHash, long N0, long N1, string? Extension, int TypeHash, string Type)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    public static StoredGrainKey For(string stateName, GrainId grainId)
    {
        long n0 = 0, n1;
        string? extension;
        byte[] bytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var guidBytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(guidBytes, 0);
            n1 = BitConverter.ToInt64(guidBytes, 8);
            bytes = WithExtension(guidBytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            bytes = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            n1 = 0;
            extension = grainId.Key.ToString();
            bytes = Encoding.UTF8.GetBytes(extension);
        }
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            // Orleans' provider rewrites generic type names first; Paraloom's states have plain names.
            throw new ArgumentException($"State name {stateName} is not a plain name.", nameof(stateName));
        }
        return new StoredGrainKey(Hasher.Hash(bytes), n0, n1, extension, Hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];

    public override string ToString() => $"{Type}/{N0:x}{N1:x}{(Extension is null ? "" : "#" + Extension)}";
}
