using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Places a validator grain only on the silo that holds its secret key (<see cref="KeyHolderPlacementDirector"/>):
/// a validator whose silo is gone is offline, never activated elsewhere.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("paraloom.key-holder-placement")]
public sealed class KeyHolderPlacement : PlacementStrategy
{
    internal static readonly KeyHolderPlacement Instance = new();
}

/// <summary>Marks a grain keyed by validator id to be placed on the silo holding that validator's key.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class KeyHolderPlacementAttribute() : PlacementAttribute(KeyHolderPlacement.Instance);
