namespace Paraloom.Compute.Execution;

/// <summary>A deterministic trap of a sandboxed call, with its stable <see cref="TrapCode"/>.</summary>
public sealed class SandboxTrap : Exception
{
    public SandboxTrap(TrapCode code, string message) : base(message) => Code = code;

    public TrapCode Code { get; }
}
