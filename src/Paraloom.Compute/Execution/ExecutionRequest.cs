namespace Paraloom.Compute.Execution;

/// <summary>One execution: a module (compute ABI v1), its input and the limits to run it under.</summary>
public sealed class ExecutionRequest
{
    public ExecutionRequest(ReadOnlyMemory<byte> module, ReadOnlyMemory<byte> input, ResourceLimits? limits = null)
    {
        if (module.IsEmpty)
        {
            throw new ArgumentException("The module is empty.", nameof(module));
        }
        Module = module;
        Input = input;
        Limits = limits ?? ResourceLimits.Default;
    }

    public ReadOnlyMemory<byte> Module { get; }

    public ReadOnlyMemory<byte> Input { get; }

    public ResourceLimits Limits { get; }

    public override string ToString() => $"ExecutionRequest({Module.Length} byte module, {Input.Length} byte input)";
}
