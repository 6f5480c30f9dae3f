namespace Paraloom.Wasm.Validation;

internal enum FrameKind : byte { Function, Block, Loop, If, Else }

/// <summary>One entry of the validator's control stack, with what the emitter needs to resolve its label.</summary>
internal sealed class ControlFrame
{
    public required FrameKind Kind { get; set; }
    public required ValueType[] StartTypes { get; init; }
    public required ValueType[] EndTypes { get; init; }
    /// <summary>Operand-stack height when the frame was entered (its parameters excluded).</summary>
    public required int Height { get; init; }
    public bool Unreachable { get; set; }
    /// <summary>First instruction of a loop: the target of branches to it.</summary>
    public int LoopStart { get; init; }
    /// <summary>For an if: where the false-condition jump's target is patched.</summary>
    public int ElseSite { get; set; } = -1;
    /// <summary>Operand positions of forward branches to this frame's end.</summary>
    public List<int> Patches { get; } = [];

    public ValueType[] LabelTypes => Kind == FrameKind.Loop ? StartTypes : EndTypes;
}
