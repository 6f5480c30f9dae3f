using System.Reflection;
using System.Reflection.Emit;

namespace Paraloom.Wasm.Execution;

internal sealed unsafe partial class IlCompiler
{
    private static readonly MethodInfo CallFunction = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.Call));
    private static readonly MethodInfo CallIndirect = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.CallIndirect));
    private static readonly MethodInfo GrowMemory = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.GrowMemory));
    private static readonly MethodInfo Cold = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.Cold));
    private static readonly MethodInfo MoveSlots = Method(typeof(Interpreter), nameof(Interpreter.Move));

    /// <summary>Emits one instruction; <paramref name="ip"/> points at its immediates.</summary>
    private void EmitInstruction(int op, int* ip)
    {
        switch (op)
        {
            case Op.Unreachable:
                Trap(TrapCode.Unreachable);
                break;
            case Op.Fuel:
                ChargeFuel(ip[0]);
                break;
            case Op.LoopFuel:
                ChargeFuel(ip[0]);
                PollAtBackEdge();
                break;
            case Op.Br:
                _il.Emit(OpCodes.Br, _labels[ip[0]]);
                break;
            case Op.BrMove:
                MoveAndBranch(ip[0], ip[1], ip[2]);
                break;
            case Op.BrIf or Op.BrUnless:
                AdjustStack(-1);
                LoadStack(0);
                _il.Emit(OpCodes.Conv_U4);
                _il.Emit(op == Op.BrIf ? OpCodes.Brtrue : OpCodes.Brfalse, _labels[ip[0]]);
                ChargeFuel(ip[1]);
                break;
            case Op.BrIfMove:
            {
                var fallThrough = _il.DefineLabel();
                AdjustStack(-1);
                LoadStack(0);
                _il.Emit(OpCodes.Conv_U4);
                _il.Emit(OpCodes.Brfalse, fallThrough);
                MoveAndBranch(ip[0], ip[1], ip[2]);
                _il.MarkLabel(fallThrough);
                ChargeFuel(ip[3]);
                break;
            }
            case Op.BrTable:
                BranchTable(ip);
                break;
            case Op.Return:
                MoveResults(0, _function.ResultCount);
                _il.Emit(OpCodes.Ret);
                break;
            case Op.Call:
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldloc, _functions);
                _il.Emit(OpCodes.Ldc_I4, ip[0]);
                _il.Emit(OpCodes.Ldelem_Ref);
                _il.Emit(OpCodes.Ldloc, _sp);
                _il.Emit(OpCodes.Call, CallFunction);
                _il.Emit(OpCodes.Stloc, _sp);
                ReloadMemory();
                break;
            case Op.CallIndirect:
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldarg_1);
                _il.Emit(OpCodes.Ldc_I4, ip[0]);
                _il.Emit(OpCodes.Ldc_I4, ip[1]);
                _il.Emit(OpCodes.Ldloc, _sp);
                _il.Emit(OpCodes.Call, CallIndirect);
                _il.Emit(OpCodes.Stloc, _sp);
                ReloadMemory();
                break;
            case Op.Drop:
                AdjustStack(-1);
                break;
            case Op.Select:
            {
                var keepFirst = _il.DefineLabel();
                AdjustStack(-2);
                LoadStack(1);
                _il.Emit(OpCodes.Conv_U4);
                _il.Emit(OpCodes.Brtrue, keepFirst);
                StackAddress(-1);
                LoadStack(0);
                _il.Emit(OpCodes.Stind_I8);
                _il.MarkLabel(keepFirst);
                break;
            }
            case Op.LocalGet:
                Push(() => LoadLocal(ip[0]));
                break;
            case Op.LocalSet:
                AdjustStack(-1);
                LocalAddress(ip[0]);
                LoadStack(0);
                _il.Emit(OpCodes.Stind_I8);
                break;
            case Op.LocalTee:
                LocalAddress(ip[0]);
                LoadStack(-1);
                _il.Emit(OpCodes.Stind_I8);
                break;
            case Op.GlobalGet:
                Push(() =>
                {
                    _il.Emit(OpCodes.Ldloc, _globals);
                    _il.Emit(OpCodes.Ldc_I4, ip[0]);
                    _il.Emit(OpCodes.Ldelem_Ref);
                    _il.Emit(OpCodes.Ldfld, GlobalBits);
                });
                break;
            case Op.GlobalSet:
                AdjustStack(-1);
                _il.Emit(OpCodes.Ldloc, _globals);
                _il.Emit(OpCodes.Ldc_I4, ip[0]);
                _il.Emit(OpCodes.Ldelem_Ref);
                LoadStack(0);
                _il.Emit(OpCodes.Stfld, GlobalBits);
                break;
            case Op.MemorySize:
                Push(() =>
                {
                    _il.Emit(OpCodes.Ldloc, _memSize);
                    LoadConstant(Memory.PageSize);
                    _il.Emit(OpCodes.Div_Un);
                });
                break;
            case Op.MemoryGrow:
                StackAddress(-1);
                _il.Emit(OpCodes.Ldarg_1);
                LoadStack(-1);
                _il.Emit(OpCodes.Call, GrowMemory);
                _il.Emit(OpCodes.Stind_I8);
                ReloadMemory();
                break;
            case Op.Const32:
                Push(() => LoadConstant((uint)ip[0]));
                break;
            case Op.Const64:
                Push(() => LoadConstant(Immediate64(ip)));
                break;
            case >= 0x28 and <= 0x35:
                StackAddress(-1);
                EmitLoad(op, () => LoadStack(-1), ip[0]);
                _il.Emit(OpCodes.Stind_I8);
                break;
            case >= 0x36 and <= 0x3E:
                AdjustStack(-2);
                EmitStore(op, () => LoadStack(0), () => LoadStack(1), ip[0]);
                break;
            default:
                if (!EmitOperator(op, ip)) EmitCold(op, ip);
                break;
        }
    }

    private static ulong Immediate64(int* ip) => (uint)ip[0] | ((ulong)(uint)ip[1] << 32);

    /// <summary>Pushes the value <paramref name="value"/> emits onto the value stack.</summary>
    private void Push(Action value)
    {
        StackAddress(0);
        value();
        _il.Emit(OpCodes.Stind_I8);
        AdjustStack(1);
    }

    /// <summary>Hands the instruction to the interpreter's out-of-line handler, which reads its immediates from the stream.</summary>
    private void EmitCold(int op, int* ip)
    {
        _il.Emit(OpCodes.Ldc_I4, op);
        _il.Emit(OpCodes.Ldloc, _sp);
        _il.Emit(OpCodes.Ldc_I8, (long)ip);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(_canonicalize ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Call, Cold);
        _il.Emit(OpCodes.Stloc, _sp);
    }

    /// <summary>A taken branch: moves the top <paramref name="arity"/> values down to <paramref name="height"/>, then jumps.</summary>
    private void MoveAndBranch(int target, int height, int arity)
    {
        MoveResults(height, arity);
        LocalAddress(height + arity);
        _il.Emit(OpCodes.Stloc, _sp);
        _il.Emit(OpCodes.Br, _labels[target]);
    }

    /// <summary>Copies the top <paramref name="count"/> values to frame slots <paramref name="height"/> onwards, in increasing order like the interpreter.</summary>
    private void MoveResults(int height, int count)
    {
        if (count > 4)
        {
            LocalAddress(height);
            StackAddress(-count);
            _il.Emit(OpCodes.Ldc_I4, count);
            _il.Emit(OpCodes.Call, MoveSlots);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            LocalAddress(height + i);
            LoadStack(i - count);
            _il.Emit(OpCodes.Stind_I8);
        }
    }

    private void BranchTable(int* ip)
    {
        var count = ip[0];
        var inRange = _il.DefineLabel();
        AdjustStack(-1);
        LoadStack(0);
        _il.Emit(OpCodes.Conv_U4);
        _il.Emit(OpCodes.Stloc, _index);
        _il.Emit(OpCodes.Ldloc, _index);
        _il.Emit(OpCodes.Ldc_I4, count);
        _il.Emit(OpCodes.Ble_Un, inRange);
        _il.Emit(OpCodes.Ldc_I4, count);
        _il.Emit(OpCodes.Stloc, _index);
        _il.MarkLabel(inRange);

        // Entries with the same target, height and arity share one stub.
        var stubs = new Dictionary<(int, int, int), Label>();
        var cases = new Label[count + 1];
        for (var i = 0; i <= count; i++)
        {
            var entry = (ip[1 + 3 * i], ip[2 + 3 * i], ip[3 + 3 * i]);
            if (!stubs.TryGetValue(entry, out var stub)) stubs.Add(entry, stub = _il.DefineLabel());
            cases[i] = stub;
        }
        _il.Emit(OpCodes.Ldloc, _index);
        _il.Emit(OpCodes.Switch, cases);
        foreach (var ((target, height, arity), stub) in stubs)
        {
            _il.MarkLabel(stub);
            MoveAndBranch(target, height, arity);
        }
    }
}
