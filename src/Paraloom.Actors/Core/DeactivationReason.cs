namespace Paraloom.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    None,
    /// <summary>The runtime is stopping.</summary>
    ShuttingDown,
    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,
    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle,
    /// <summary>A call failed in a way that leaves the activation's state suspect (a stale ETag write).</summary>
    ApplicationError,
}

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
