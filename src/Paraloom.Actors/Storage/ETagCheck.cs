using System.Globalization;

namespace Paraloom.Actors.Storage;

/// <summary>The optimistic-concurrency rule shared by the storage providers: ETags are version counters.</summary>
internal static class ETagCheck
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="InconsistentStateException"/> unless the stored version is the one the writer holds.</summary>
    public static void Verify(string operation, string stateName, GrainId grainId, long? storedVersion, string? heldETag)
    {
        var stored = storedVersion is { } version ? Format(version) : null;
        if (!string.Equals(stored, heldETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"Cannot {operation} state '{stateName}' of grain {grainId}: it changed since it was read " +
                $"(stored ETag {stored ?? "none"}, held ETag {heldETag ?? "none"}).",
                stored,
                heldETag);
        }
    }
}
