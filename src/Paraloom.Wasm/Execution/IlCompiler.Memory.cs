using System.Reflection.Emit;

namespace Paraloom.Wasm.Execution;

internal sealed unsafe partial class IlCompiler
{
    /// <summary>A bounds-checked load (wasm opcode 0x28..0x35) from the i32 address <paramref name="address"/> emits; leaves a slot value.</summary>
    private void EmitLoad(int op, Action address, int offset)
    {
        ComputeAddress(address, offset);
        var (size, load, extend) = op switch
        {
            0x28 or 0x2A or 0x35 => (4, OpCodes.Ldind_U4, OpCodes.Conv_U8),
            0x29 or 0x2B => (8, OpCodes.Ldind_I8, OpCodes.Nop),
            0x2C => (1, OpCodes.Ldind_I1, OpCodes.Conv_U8),   // sign-extended to 32 bits, then zero-extended
            0x2D or 0x31 => (1, OpCodes.Ldind_U1, OpCodes.Conv_U8),
            0x2E => (2, OpCodes.Ldind_I2, OpCodes.Conv_U8),
            0x2F or 0x33 => (2, OpCodes.Ldind_U2, OpCodes.Conv_U8),
            0x30 => (1, OpCodes.Ldind_I1, OpCodes.Conv_I8),
            0x32 => (2, OpCodes.Ldind_I2, OpCodes.Conv_I8),
            _ => (4, OpCodes.Ldind_I4, OpCodes.Conv_I8),      // 0x34 i64.load32_s
        };
        CheckMemoryBounds(size);
        EffectiveAddress();
        if (size > 1) _il.Emit(OpCodes.Unaligned, (byte)1);
        _il.Emit(load);
        if (extend != OpCodes.Nop) _il.Emit(extend);
    }

    /// <summary>A bounds-checked store (wasm opcode 0x36..0x3E) of the slot value <paramref name="value"/> emits.</summary>
    private void EmitStore(int op, Action address, Action value, int offset)
    {
        ComputeAddress(address, offset);
        var (size, store, narrow) = op switch
        {
            0x36 or 0x38 or 0x3E => (4, OpCodes.Stind_I4, OpCodes.Conv_U4),
            0x37 or 0x39 => (8, OpCodes.Stind_I8, OpCodes.Nop),
            0x3A or 0x3C => (1, OpCodes.Stind_I1, OpCodes.Conv_U1),
            _ => (2, OpCodes.Stind_I2, OpCodes.Conv_U2),     // 0x3B, 0x3D
        };
        CheckMemoryBounds(size);
        EffectiveAddress();
        value();
        if (narrow != OpCodes.Nop) _il.Emit(narrow);
        if (size > 1) _il.Emit(OpCodes.Unaligned, (byte)1);
        _il.Emit(store);
    }

    /// <summary>_address = unsigned i32 address + unsigned offset, in 64 bits so it cannot wrap.</summary>
    private void ComputeAddress(Action address, int offset)
    {
        address();
        _il.Emit(OpCodes.Conv_U4);
        _il.Emit(OpCodes.Conv_U8);
        LoadConstant((uint)offset);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _address);
    }
}
