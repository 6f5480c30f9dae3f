using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;

namespace Paraloom.Wasm.Execution;

internal sealed unsafe partial class IlCompiler
{
    private static readonly MethodInfo AsF64 = Method(typeof(Numerics), nameof(Numerics.AsF64));
    private static readonly MethodInfo F64Bits = Method(typeof(Numerics), nameof(Numerics.F64), typeof(double), typeof(bool));

    /// <summary>Emits the numeric operators and super-instructions the interpreter runs in its main loop; false for the rest.</summary>
    private bool EmitOperator(int op, int* ip)
    {
        switch (op)
        {
            case 0x45 or 0x50:
                StackAddress(-1);
                Binary(op, () => LoadStack(-1), () => { });
                _il.Emit(OpCodes.Stind_I8);
                return true;
            case (>= 0x46 and <= 0x4F) or (>= 0x51 and <= 0x5A) or (>= 0x61 and <= 0x66) or 0x6A or 0x6B or 0x6C
                or (>= 0x71 and <= 0x78) or 0x7C or 0x7D or 0x7E or (>= 0x83 and <= 0x8A) or (>= 0xA0 and <= 0xA3):
                StackAddress(-2);
                Binary(op, () => LoadStack(-2), () => LoadStack(-1));
                _il.Emit(OpCodes.Stind_I8);
                AdjustStack(-1);
                return true;
            case 0x99 or 0x9A:
                StackAddress(-1);
                LoadStack(-1);
                LoadConstant(op == 0x99 ? 0x7FFFFFFFFFFFFFFFUL : 0x8000000000000000UL);
                _il.Emit(op == 0x99 ? OpCodes.And : OpCodes.Xor);
                _il.Emit(OpCodes.Stind_I8);
                return true;
            case 0xA7 or 0xAC or 0xAD:
                StackAddress(-1);
                LoadStack(-1);
                _il.Emit(op == 0xAC ? OpCodes.Conv_I4 : OpCodes.Conv_U4);
                _il.Emit(op == 0xAC ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
                _il.Emit(OpCodes.Stind_I8);
                return true;
            case >= 0xBC and <= 0xBF: // reinterpretations: the slot already holds the bits
                return true;
            case >= Op.WithConstant and < Op.WithLocal:
            {
                var index = op - Op.WithConstant;
                var is32 = index < FusedOpcodes.I32Binary.Length;
                var wasmOp = is32 ? FusedOpcodes.I32Binary[index] : FusedOpcodes.I64Binary[index - FusedOpcodes.I32Binary.Length];
                var constant = is32 ? (uint)ip[0] : Immediate64(ip);
                StackAddress(-1);
                Binary(wasmOp, () => LoadStack(-1), () => LoadConstant(constant));
                _il.Emit(OpCodes.Stind_I8);
                return true;
            }
            case >= Op.WithLocal and < Op.WithTwoLocals:
            {
                var index = op - Op.WithLocal;
                int wasmOp = index < 21 ? FusedOpcodes.I32Binary[index]
                    : index < 42 ? FusedOpcodes.I64Binary[index - 21] : FusedOpcodes.FloatBinary[index - 42];
                StackAddress(-1);
                Binary(wasmOp, () => LoadStack(-1), () => LoadLocal(ip[0]));
                _il.Emit(OpCodes.Stind_I8);
                return true;
            }
            case >= Op.WithTwoLocals and < Op.LocalWithConstant:
                Push(() => Binary(FusedOpcodes.I32Binary[op - Op.WithTwoLocals], () => LoadLocal(ip[0]), () => LoadLocal(ip[1])));
                return true;
            case >= Op.LocalWithConstant and < Op.CompareBranch:
                Push(() => Binary(FusedOpcodes.I32Binary[op - Op.LocalWithConstant], () => LoadLocal(ip[0]), () => LoadConstant((uint)ip[1])));
                return true;
            case >= Op.CompareBranch and < Op.LoadFromLocal:
            {
                var wasmOp = FusedOpcodes.Comparisons[op - Op.CompareBranch];
                if (wasmOp == 0x45)
                {
                    AdjustStack(-1);
                    LoadStack(0);
                    _il.Emit(OpCodes.Conv_U4);
                    _il.Emit(OpCodes.Brfalse, _labels[ip[0]]);
                }
                else
                {
                    AdjustStack(-2);
                    Condition(wasmOp, () => LoadStack(0), () => LoadStack(1));
                    _il.Emit(OpCodes.Brtrue, _labels[ip[0]]);
                }
                ChargeFuel(ip[1]);
                return true;
            }
            case >= Op.LoadFromLocal and < Op.LocalSetLocalGet:
                Push(() => EmitLoad(0x28 + op - Op.LoadFromLocal, () => LoadLocal(ip[0]), ip[1]));
                return true;
            case Op.LocalSetLocalGet:
                LocalAddress(ip[0]);
                LoadStack(-1);
                _il.Emit(OpCodes.Stind_I8);
                StackAddress(-1);
                LoadLocal(ip[1]);
                _il.Emit(OpCodes.Stind_I8);
                return true;
            case >= Op.TwoLocalsToLocal and < Op.LocalWithConstantToLocal:
            {
                var tee = op >= Op.TwoLocalsTeeLocal;
                var wasmOp = FusedOpcodes.I32Binary[op - (tee ? Op.TwoLocalsTeeLocal : Op.TwoLocalsToLocal)];
                ToLocal(ip[2], tee, () => Binary(wasmOp, () => LoadLocal(ip[0]), () => LoadLocal(ip[1])));
                return true;
            }
            case >= Op.LocalWithConstantToLocal and < Op.LoadFromLocalPlusConstant:
            {
                var tee = op >= Op.LocalWithConstantTeeLocal;
                var wasmOp = FusedOpcodes.I32Binary[op - (tee ? Op.LocalWithConstantTeeLocal : Op.LocalWithConstantToLocal)];
                ToLocal(ip[2], tee, () => Binary(wasmOp, () => LoadLocal(ip[0]), () => LoadConstant((uint)ip[1])));
                return true;
            }
            case >= Op.LoadFromLocalPlusConstant and < Op.StoreLocalToLocal:
                Push(() => EmitLoad(0x28 + op - Op.LoadFromLocalPlusConstant, () =>
                {
                    // The local plus the constant wraps at 32 bits, like the i32.add it replaces.
                    LoadLocal(ip[0]);
                    _il.Emit(OpCodes.Conv_U4);
                    _il.Emit(OpCodes.Ldc_I4, ip[1]);
                    _il.Emit(OpCodes.Add);
                    _il.Emit(OpCodes.Conv_U8);
                }, ip[2]));
                return true;
            case >= Op.StoreLocalToLocal and < Op.ConstantCompareBranch:
                EmitStore(0x36 + op - Op.StoreLocalToLocal, () => LoadLocal(ip[0]), () => LoadLocal(ip[1]), ip[2]);
                return true;
            case >= Op.ConstantCompareBranch and < Op.LocalConstantCompareBranch:
                AdjustStack(-1);
                Condition(0x46 + op - Op.ConstantCompareBranch, () => LoadStack(0), () => LoadConstant((uint)ip[0]));
                _il.Emit(OpCodes.Brtrue, _labels[ip[1]]);
                ChargeFuel(ip[2]);
                return true;
            case >= Op.LocalConstantCompareBranch and < Op.LocalConstantCompareBranch + 10:
                Condition(0x46 + op - Op.LocalConstantCompareBranch, () => LoadLocal(ip[0]), () => LoadConstant((uint)ip[1]));
                _il.Emit(OpCodes.Brtrue, _labels[ip[2]]);
                ChargeFuel(ip[3]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Stores the value <paramref name="value"/> emits in a local; a tee also pushes it.</summary>
    private void ToLocal(int slot, bool tee, Action value)
    {
        LocalAddress(slot);
        value();
        _il.Emit(OpCodes.Stind_I8);
        if (tee) Push(() => LoadLocal(slot));
    }

    private static bool IsComparison(int op) => op is (>= 0x45 and <= 0x5A) or (>= 0x61 and <= 0x66);

    private static bool IsI64(int op) => op is (>= 0x50 and <= 0x5A) or (>= 0x79 and <= 0x8A);

    private static bool IsF64(int op) => op is (>= 0x61 and <= 0x66) or (>= 0x99 and <= 0xA6);

    /// <summary>Emits a binary operator (or i32/i64.eqz, with <paramref name="right"/> emitting nothing) on two slot values; leaves a slot value.</summary>
    private void Binary(int op, Action left, Action right)
    {
        if (IsComparison(op))
        {
            Condition(op, left, right);
            _il.Emit(OpCodes.Conv_U8);
            return;
        }
        if (IsF64(op))
        {
            left();
            _il.Emit(OpCodes.Call, AsF64);
            right();
            _il.Emit(OpCodes.Call, AsF64);
            _il.Emit(op switch { 0xA0 => OpCodes.Add, 0xA1 => OpCodes.Sub, 0xA2 => OpCodes.Mul, _ => OpCodes.Div });
            _il.Emit(_canonicalize ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Call, F64Bits);
            return;
        }
        var is64 = IsI64(op);
        left();
        if (!is64) _il.Emit(OpCodes.Conv_U4);
        right();
        if (!is64) _il.Emit(OpCodes.Conv_U4);
        var width = is64 ? typeof(ulong) : typeof(uint);
        var mask = is64 ? 63 : 31;
        var arithmetic = is64 ? op - 0x7C + 0x6A : op;
        switch (arithmetic)
        {
            case 0x6A: _il.Emit(OpCodes.Add); break;
            case 0x6B: _il.Emit(OpCodes.Sub); break;
            case 0x6C: _il.Emit(OpCodes.Mul); break;
            case 0x71: _il.Emit(OpCodes.And); break;
            case 0x72: _il.Emit(OpCodes.Or); break;
            case 0x73: _il.Emit(OpCodes.Xor); break;
            case 0x74: ShiftCount(is64, mask); _il.Emit(OpCodes.Shl); break;
            case 0x75: ShiftCount(is64, mask); _il.Emit(OpCodes.Shr); break;
            case 0x76: ShiftCount(is64, mask); _il.Emit(OpCodes.Shr_Un); break;
            case 0x77:
                if (is64) _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.Call, Method(typeof(BitOperations), nameof(BitOperations.RotateLeft), width, typeof(int)));
                break;
            case 0x78:
                if (is64) _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.Call, Method(typeof(BitOperations), nameof(BitOperations.RotateRight), width, typeof(int)));
                break;
            default:
                throw new InvalidOperationException($"internal error: no IL for operator {op}");
        }
        if (!is64) _il.Emit(OpCodes.Conv_U8);
    }

    private void ShiftCount(bool is64, int mask)
    {
        if (is64) _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Ldc_I4, mask);
        _il.Emit(OpCodes.And);
    }

    /// <summary>Emits a comparison (or eqz) on two slot values, leaving an int32 0 or 1.</summary>
    private void Condition(int op, Action left, Action right)
    {
        if (op is 0x45 or 0x50)
        {
            left();
            if (op == 0x45)
            {
                _il.Emit(OpCodes.Conv_U4);
                _il.Emit(OpCodes.Ldc_I4_0);
            }
            else
            {
                _il.Emit(OpCodes.Ldc_I8, 0L);
            }
            _il.Emit(OpCodes.Ceq);
            return;
        }
        var isFloat = IsF64(op);
        var is64 = IsI64(op);
        left();
        Operand(isFloat, is64);
        right();
        Operand(isFloat, is64);
        if (isFloat)
        {
            FloatRelation(op);
            return;
        }
        switch (is64 ? op : op - 0x46 + 0x51)
        {
            case 0x51: _il.Emit(OpCodes.Ceq); break;
            case 0x52: Negate(OpCodes.Ceq); break;
            case 0x53: _il.Emit(OpCodes.Clt); break;
            case 0x54: _il.Emit(OpCodes.Clt_Un); break;
            case 0x55: _il.Emit(OpCodes.Cgt); break;
            case 0x56: _il.Emit(OpCodes.Cgt_Un); break;
            case 0x57: Negate(OpCodes.Cgt); break;
            case 0x58: Negate(OpCodes.Cgt_Un); break;
            case 0x59: Negate(OpCodes.Clt); break;
            case 0x5A: Negate(OpCodes.Clt_Un); break;
            default: throw new InvalidOperationException($"internal error: no IL for comparison {op}");
        }
    }

    /// <summary>f64 relations: false whenever an operand is NaN, except ne.</summary>
    private void FloatRelation(int op)
    {
        switch (op)
        {
            case 0x61: _il.Emit(OpCodes.Ceq); break;
            case 0x62: Negate(OpCodes.Ceq); break;
            case 0x63: _il.Emit(OpCodes.Clt); break;
            case 0x64: _il.Emit(OpCodes.Cgt); break;
            case 0x65: Negate(OpCodes.Cgt_Un); break;
            default: Negate(OpCodes.Clt_Un); break;
        }
    }

    private void Operand(bool isFloat, bool is64)
    {
        if (isFloat) _il.Emit(OpCodes.Call, AsF64);
        else if (!is64) _il.Emit(OpCodes.Conv_U4);
    }

    private void Negate(OpCode comparison)
    {
        _il.Emit(comparison);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ceq);
    }
}
