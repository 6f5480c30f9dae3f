using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm.Validation;

/// <summary>
/// Emission, with a peephole that fuses common sequences into super-instructions. Only instructions of
/// the current straight-line segment are fused: a segment begins at every branch target, so no
/// branch can land inside a fused sequence.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private int _lastStart = -1;
    private int _lastOp = -1;
    private int _previousStart = -1;
    private int _previousOp = -1;
    private bool _emittedThroughPeephole;

    /// <summary>Forgets the peephole history (at segment starts and after control transfers).</summary>
    private void ResetPeephole()
    {
        _lastStart = _lastOp = _previousStart = _previousOp = -1;
    }

    private void EmitInstruction(int op, params ReadOnlySpan<int> immediates)
    {
        _previousStart = _lastStart;
        _previousOp = _lastOp;
        _lastStart = _code.Emit(op);
        _lastOp = op;
        _emittedThroughPeephole = true;
        foreach (var immediate in immediates) _code.Emit(immediate);
    }

    /// <summary>Drops the last instruction so a fused form can replace it; the peephole history shortens by one.</summary>
    private int TakeLast()
    {
        var immediate = _code[_lastStart + 1];
        _code.Truncate(_lastStart);
        _lastStart = _previousStart;
        _lastOp = _previousOp;
        _previousStart = _previousOp = -1;
        return immediate;
    }

    private void EmitLocalGet(int slot)
    {
        if (_lastOp == Op.LocalSet)
        {
            var set = TakeLast();
            if (set == slot) EmitInstruction(Op.LocalTee, slot);
            else EmitInstruction(Op.LocalSetLocalGet, set, slot);
            return;
        }
        EmitInstruction(Op.LocalGet, slot);
    }

    private void EmitLocalSet(int slot) => EmitInstruction(Op.LocalSet, slot);

    private void EmitConst32(int bits) => EmitInstruction(Op.Const32, bits);

    private void EmitConst64(ulong bits) => EmitInstruction(Op.Const64, (int)(uint)bits, (int)(uint)(bits >> 32));

    private void EmitLoad(byte opcode, int offset)
    {
        if (_lastOp == Op.LocalGet)
        {
            EmitInstruction(Op.LoadFromLocal | opcode, TakeLast(), offset);
            return;
        }
        EmitInstruction(opcode, offset);
    }

    private void EmitStore(byte opcode, int offset) => EmitInstruction(opcode, offset);

    private void EmitNumeric(byte opcode)
    {
        if (IsI32Binary(opcode) || IsI64Binary(opcode))
        {
            var i32 = IsI32Binary(opcode);
            if (i32 && _lastOp == Op.Const32)
            {
                var constant = TakeLast();
                if (_lastOp == Op.LocalGet) EmitInstruction(Op.LocalWithConstant | opcode, TakeLast(), constant);
                else EmitInstruction(Op.WithConstant | opcode, constant);
                return;
            }
            if (!i32 && _lastOp == Op.Const64)
            {
                var high = _code[_lastStart + 2];
                EmitInstruction(Op.WithConstant | opcode, TakeLast(), high);
                return;
            }
            if (_lastOp == Op.LocalGet)
            {
                var right = TakeLast();
                if (i32 && _lastOp == Op.LocalGet) EmitInstruction(Op.WithTwoLocals | opcode, TakeLast(), right);
                else EmitInstruction(Op.WithLocal | opcode, right);
                return;
            }
        }
        else if (opcode is (>= 0x92 and <= 0x95) or (>= 0xA0 and <= 0xA3) && _lastOp == Op.LocalGet)
        {
            EmitInstruction(Op.WithLocal | opcode, TakeLast());
            return;
        }
        EmitInstruction(opcode);
    }

    /// <summary>Emits a plain br_if, fused with an immediately preceding i32 comparison when there is one.</summary>
    private void EmitPlainBrIf(ControlFrame frame)
    {
        if (_lastOp is 0x45 or (>= 0x46 and <= 0x4F))
        {
            var comparison = _lastOp;
            _code.Truncate(_lastStart);
            _code.Emit(Op.CompareBranch | comparison);
        }
        else
        {
            _code.Emit(Op.BrIf);
        }
        EmitTarget(frame);
        ResetPeephole();
    }

    private static bool IsI32Binary(byte opcode) => opcode is (>= 0x46 and <= 0x4F) or 0x6A or 0x6B or 0x6C or (>= 0x71 and <= 0x78);

    private static bool IsI64Binary(byte opcode) => opcode is (>= 0x51 and <= 0x5A) or 0x7C or 0x7D or 0x7E or (>= 0x83 and <= 0x8A);
}
