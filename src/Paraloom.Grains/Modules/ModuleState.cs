namespace Paraloom.Grains;

/// <summary>A stored module: written once, never changed (its key is its hash).</summary>
internal sealed class ModuleState
{
    public byte[] Bytes { get; set; } = [];
}
