namespace Paraloom.Wasm.Validation;

internal enum FrameKind : byte { Function, Block, Loop, If, Else }

/// <summary>One entry of the validator's control stack.</summary>
internal sealed class ControlFrame
{
    public required FrameKind Kind { get; set; }
    public required ValueType[] StartTypes { get; init; }
    public required ValueType[] EndTypes { get; init; }
    /// <summary>Operand-stack height when the frame was entered (its parameters excluded).</summary>
    public required int Height { get; init; }
    public bool Unreachable { get; set; }

    public ValueType[] LabelTypes => Kind == FrameKind.Loop ? StartTypes : EndTypes;
}
