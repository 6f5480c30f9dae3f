using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm.Validation;

/// <summary>Emission of the plain forms; the peephole fusions into super-instructions live here too.</summary>
internal sealed partial class FunctionCompiler
{
    private void EmitLocalGet(int slot)
    {
        _code.Emit(Op.LocalGet);
        _code.Emit(slot);
    }

    private void EmitLocalSet(int slot)
    {
        _code.Emit(Op.LocalSet);
        _code.Emit(slot);
    }

    private void EmitConst32(int bits)
    {
        _code.Emit(Op.Const32);
        _code.Emit(bits);
    }

    private void EmitConst64(ulong bits)
    {
        _code.Emit(Op.Const64);
        _code.Emit((int)(uint)bits);
        _code.Emit((int)(uint)(bits >> 32));
    }

    private void EmitLoad(byte opcode, int offset)
    {
        _code.Emit(opcode);
        _code.Emit(offset);
    }

    private void EmitNumeric(byte opcode) => _code.Emit(opcode);
}
