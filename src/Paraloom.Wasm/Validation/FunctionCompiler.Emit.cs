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

    private void EmitLocalSet(int slot)
    {
        if (!RetargetToLocal(slot, tee: false)) EmitInstruction(Op.LocalSet, slot);
    }

    private void EmitLocalTee(int slot)
    {
        if (!RetargetToLocal(slot, tee: true)) EmitInstruction(Op.LocalTee, slot);
    }

    /// <summary>Turns a three-operand i32 instruction that pushes its result into one that writes (or tees) a local.</summary>
    private bool RetargetToLocal(int slot, bool tee)
    {
        int family;
        if (_lastOp is >= Op.WithTwoLocals and < Op.LocalWithConstant) family = tee ? Op.TwoLocalsTeeLocal : Op.TwoLocalsToLocal;
        else if (_lastOp is >= Op.LocalWithConstant and < Op.CompareBranch) family = tee ? Op.LocalWithConstantTeeLocal : Op.LocalWithConstantToLocal;
        else return false;
        var index = _lastOp - (_lastOp < Op.LocalWithConstant ? Op.WithTwoLocals : Op.LocalWithConstant);
        var left = _code[_lastStart + 1];
        var right = _code[_lastStart + 2];
        _code.Truncate(_lastStart);
        _lastStart = _previousStart;
        _lastOp = _previousOp;
        EmitInstruction(family + index, left, right, slot);
        return true;
    }

    private void EmitConst32(int bits) => EmitInstruction(Op.Const32, bits);

    private void EmitConst64(ulong bits) => EmitInstruction(Op.Const64, (int)(uint)bits, (int)(uint)(bits >> 32));

    private void EmitLoad(byte opcode, int offset)
    {
        if (_lastOp == Op.LocalGet)
        {
            EmitInstruction(FusedOpcodes.LoadFromLocal(opcode), TakeLast(), offset);
            return;
        }
        if (_lastOp == Op.LocalWithConstant + FusedOpcodes.I32AddIndex)
        {
            var (slot, constant) = (_code[_lastStart + 1], _code[_lastStart + 2]);
            TakeLast();
            EmitInstruction(Op.LoadFromLocalPlusConstant + (opcode - 0x28), slot, constant, offset);
            return;
        }
        EmitInstruction(opcode, offset);
    }

    private void EmitStore(byte opcode, int offset)
    {
        if (_lastOp == Op.LocalGet && _previousOp == Op.LocalGet)
        {
            var value = TakeLast();
            EmitInstruction(Op.StoreLocalToLocal + (opcode - 0x36), TakeLast(), value, offset);
            return;
        }
        EmitInstruction(opcode, offset);
    }

    private void EmitNumeric(byte opcode)
    {
        if (_lastOp == Op.Const32 && FusedOpcodes.IsI32(opcode))
        {
            var constant = TakeLast();
            if (_lastOp == Op.LocalGet) EmitInstruction(FusedOpcodes.LocalWithConstant(opcode), TakeLast(), constant);
            else EmitInstruction(FusedOpcodes.WithConstant(opcode), constant);
            return;
        }
        if (_lastOp == Op.Const64 && FusedOpcodes.WithConstant(opcode) is >= 0 and var withConstant && !FusedOpcodes.IsI32(opcode))
        {
            var high = _code[_lastStart + 2];
            EmitInstruction(withConstant, TakeLast(), high);
            return;
        }
        if (_lastOp == Op.LocalGet && FusedOpcodes.WithLocal(opcode) is >= 0 and var withLocal)
        {
            var right = TakeLast();
            if (_lastOp == Op.LocalGet && FusedOpcodes.IsI32(opcode)) EmitInstruction(FusedOpcodes.WithTwoLocals(opcode), TakeLast(), right);
            else EmitInstruction(withLocal, right);
            return;
        }
        EmitInstruction(opcode);
    }

    /// <summary>Emits a plain br_if, fused with an immediately preceding i32 comparison when there is one.</summary>
    private void EmitPlainBrIf(ControlFrame frame)
    {
        if (FusedOpcodes.CompareBranch(_lastOp) is >= 0 and var fused)
        {
            _code.Truncate(_lastStart);
            _code.Emit(fused);
        }
        else if (_lastOp is >= Op.WithConstant + FusedOpcodes.I32CompareIndex and < Op.WithConstant + FusedOpcodes.I32CompareIndex + 10)
        {
            var comparison = _lastOp - Op.WithConstant - FusedOpcodes.I32CompareIndex;
            var constant = _code[_lastStart + 1];
            _code.Truncate(_lastStart);
            _code.Emit(Op.ConstantCompareBranch + comparison);
            _code.Emit(constant);
        }
        else if (_lastOp is >= Op.LocalWithConstant + FusedOpcodes.I32CompareIndex and < Op.LocalWithConstant + FusedOpcodes.I32CompareIndex + 10)
        {
            var comparison = _lastOp - Op.LocalWithConstant - FusedOpcodes.I32CompareIndex;
            var (slot, constant) = (_code[_lastStart + 1], _code[_lastStart + 2]);
            _code.Truncate(_lastStart);
            _code.Emit(Op.LocalConstantCompareBranch + comparison);
            _code.Emit(slot);
            _code.Emit(constant);
        }
        else
        {
            _code.Emit(Op.BrIf);
        }
        EmitTarget(frame);
        ResetPeephole();
    }
}
