namespace Paraloom.Actors;

/// <summary>Activation lifetime settings.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>An activation idle (no call, no keep-alive tick) for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may run before the runtime moves on.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
