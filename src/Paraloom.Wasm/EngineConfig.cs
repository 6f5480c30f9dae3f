namespace Paraloom.Wasm;

/// <summary>Settings shared by every module and store of one <see cref="Engine"/>.</summary>
public sealed record EngineConfig
{
    /// <summary>Every arithmetic float result that is NaN becomes the canonical NaN (deterministic across hosts).</summary>
    public bool CanonicalizeNaNs { get; init; } = true;

    /// <summary>How functions execute; the observable behaviour (results, traps, fuel, stack limits) is the same in every tier.</summary>
    public ExecutionTier Tier { get; init; } = ExecutionTier.Compiled;

    public ModuleLimits ModuleLimits { get; init; } = ModuleLimits.Default;

    /// <summary>How many decoded modules <see cref="Engine.LoadModule"/> keeps (least recently used are evicted).</summary>
    public int ModuleCacheCapacity { get; init; } = 64;
}
