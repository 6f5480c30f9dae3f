namespace Paraloom.Grains;

/// <summary>A stored module: written once, never changed (its key is its hash).</summary>
internal sealed class ModuleState
{
    public byte[] Bytes { get; set; } = [];
}

/// <summary>The jobs that use a module: it is removed once none does.</summary>
internal sealed class ModuleUsers
{
    public HashSet<string> JobIds { get; set; } = new(StringComparer.Ordinal);
}
