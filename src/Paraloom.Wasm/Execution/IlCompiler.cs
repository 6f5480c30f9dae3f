using System.Reflection;
using System.Reflection.Emit;

namespace Paraloom.Wasm.Execution;

/// <summary>
/// Translates a function's internal instruction stream (the validator's output, with its fuel
/// instructions and resolved branch targets) into IL, one instruction at a time with no dispatch.
/// Values stay in the interpreter's value-stack slots, so fuel, traps and stack units are the
/// interpreter's by construction; only the instructions the interpreter runs out of line are
/// left to it.
/// </summary>
internal sealed unsafe partial class IlCompiler
{
    private static readonly FieldInfo FuelLeft = typeof(Store).GetField(nameof(Store.FuelLeft), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly FieldInfo GlobalBits = typeof(Global).GetField(nameof(Global.Bits), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly MethodInfo OutOfFuel = Method(typeof(Interpreter), nameof(Interpreter.OutOfFuel));
    private static readonly MethodInfo Tick = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.Tick));
    private static readonly MethodInfo ThrowTrap = Method(typeof(TrapException), nameof(TrapException.Throw));
    private static readonly MethodInfo MemoryBase = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.MemoryBase));
    private static readonly MethodInfo MemoryLength = Method(typeof(CompiledRuntime), nameof(CompiledRuntime.MemoryLength));

    private readonly CompiledFunction _function;
    private readonly bool _canonicalize;
    private readonly ILGenerator _il;
    private readonly Dictionary<int, Label> _labels = new();
    private readonly LocalBuilder _sp;
    private readonly LocalBuilder _mem;
    private readonly LocalBuilder _memSize;
    private readonly LocalBuilder _polls;
    private readonly LocalBuilder _address;
    private readonly LocalBuilder _index;
    private readonly LocalBuilder _functions;
    private readonly LocalBuilder _globals;

    private IlCompiler(CompiledFunction function, bool canonicalize, ILGenerator il)
    {
        _function = function;
        _canonicalize = canonicalize;
        _il = il;
        _sp = il.DeclareLocal(typeof(ulong*));
        _mem = il.DeclareLocal(typeof(byte*));
        _memSize = il.DeclareLocal(typeof(ulong));
        _polls = il.DeclareLocal(typeof(bool));
        _address = il.DeclareLocal(typeof(ulong));
        _index = il.DeclareLocal(typeof(uint));
        _functions = il.DeclareLocal(typeof(Function[]));
        _globals = il.DeclareLocal(typeof(Global[]));
    }

    public static CompiledBody Compile(CompiledFunction function, bool canonicalize)
    {
        var method = new DynamicMethod("wasm", typeof(void), [typeof(Store), typeof(Instance), typeof(ulong*)], typeof(IlCompiler).Module, skipVisibility: true);
        var compiler = new IlCompiler(function, canonicalize, method.GetILGenerator(Math.Max(64, function.CodeLength * 8)));
        compiler.EmitBody();
        return method.CreateDelegate<CompiledBody>();
    }

    private int* Code => _function.Code;

    private void EmitBody()
    {
        MarkBranchTargets();
        EmitPrologue();
        var code = Code;
        for (var at = 0; at < _function.CodeLength; at += InstructionLength(code + at))
        {
            if (_labels.TryGetValue(at, out var label)) _il.MarkLabel(label);
            EmitInstruction(code[at], code + at + 1);
        }
    }

    private void MarkBranchTargets()
    {
        var code = Code;
        for (var at = 0; at < _function.CodeLength; at += InstructionLength(code + at))
        {
            foreach (var target in BranchTargets(code + at)) _labels.TryAdd(target, _il.DefineLabel());
        }
    }

    private void EmitPrologue()
    {
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldc_I4, _function.LocalCount * sizeof(ulong));
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _sp);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, Method(typeof(Store), "get_PollsInterrupt"));
        _il.Emit(OpCodes.Stloc, _polls);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, Method(typeof(Instance), "get_Functions"));
        _il.Emit(OpCodes.Stloc, _functions);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, Method(typeof(Instance), "get_Globals"));
        _il.Emit(OpCodes.Stloc, _globals);
        ReloadMemory();
    }

    /// <summary>After anything that may grow the memory (a call, memory.grow) its base and length are read again.</summary>
    private void ReloadMemory()
    {
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, MemoryBase);
        _il.Emit(OpCodes.Stloc, _mem);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, MemoryLength);
        _il.Emit(OpCodes.Stloc, _memSize);
    }

    // ---- value-stack slots ------------------------------------------------------------------------

    /// <summary>Pushes the address of the slot <paramref name="offset"/> slots from the stack pointer.</summary>
    private void StackAddress(int offset)
    {
        _il.Emit(OpCodes.Ldloc, _sp);
        if (offset == 0) return;
        _il.Emit(OpCodes.Ldc_I4, offset * sizeof(ulong));
        _il.Emit(OpCodes.Add);
    }

    private void LoadStack(int offset)
    {
        StackAddress(offset);
        _il.Emit(OpCodes.Ldind_I8);
    }

    private void LocalAddress(int slot)
    {
        _il.Emit(OpCodes.Ldarg_2);
        if (slot == 0) return;
        _il.Emit(OpCodes.Ldc_I4, slot * sizeof(ulong));
        _il.Emit(OpCodes.Add);
    }

    private void LoadLocal(int slot)
    {
        LocalAddress(slot);
        _il.Emit(OpCodes.Ldind_I8);
    }

    private void AdjustStack(int slots)
    {
        if (slots == 0) return;
        StackAddress(slots);
        _il.Emit(OpCodes.Stloc, _sp);
    }

    private void LoadConstant(ulong value) => _il.Emit(OpCodes.Ldc_I8, (long)value);

    // ---- fuel, traps and interruption ------------------------------------------------------------------

    /// <summary>Pays for the segment that starts here: <c>if ((store.FuelLeft -= cost) &lt; 0) OutOfFuel(store)</c>.</summary>
    private void ChargeFuel(int cost)
    {
        var paid = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, FuelLeft);
        _il.Emit(OpCodes.Ldc_I8, (long)cost);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stfld, FuelLeft);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, FuelLeft);
        _il.Emit(OpCodes.Ldc_I8, 0L);
        _il.Emit(OpCodes.Bge, paid);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, OutOfFuel);
        _il.MarkLabel(paid);
    }

    private void PollAtBackEdge()
    {
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _polls);
        _il.Emit(OpCodes.Brfalse, done);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, Tick);
        _il.MarkLabel(done);
    }

    private void Trap(TrapCode code)
    {
        _il.Emit(OpCodes.Ldc_I4, (int)code);
        _il.Emit(OpCodes.Call, ThrowTrap);
    }

    /// <summary>Traps <see cref="TrapCode.MemoryOutOfBounds"/> unless <c>_address + size</c> is within the memory.</summary>
    private void CheckMemoryBounds(int size)
    {
        var inBounds = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _address);
        LoadConstant((ulong)size);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldloc, _memSize);
        _il.Emit(OpCodes.Ble_Un, inBounds);
        Trap(TrapCode.MemoryOutOfBounds);
        _il.MarkLabel(inBounds);
    }

    private void EffectiveAddress()
    {
        _il.Emit(OpCodes.Ldloc, _mem);
        _il.Emit(OpCodes.Ldloc, _address);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Add);
    }

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"internal error: {type.Name}.{name} not found");

    private static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, parameters)
        ?? throw new InvalidOperationException($"internal error: {type.Name}.{name} not found");
}
