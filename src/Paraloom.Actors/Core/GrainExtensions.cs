using Paraloom.Actors.Runtime;

namespace Paraloom.Actors;

/// <summary>Identity helpers for grains and grain references.</summary>
public static class GrainExtensions
{
    /// <summary>The identity of a grain instance or of a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        null => throw new ArgumentNullException(nameof(grain)),
        Grain instance => instance.GrainId,
        GrainProxy reference => reference.GrainId,
        _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
    };

    /// <summary>The string key of a grain instance or of a grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;
}
