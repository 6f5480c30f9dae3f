using System.Numerics;
using System.Runtime.CompilerServices;

namespace Paraloom.Wasm.Execution;

/// <summary>
/// Runs functions from the host, in the engine's tier. The interpreter is one loop with its own frame
/// stack: wasm-to-wasm calls never recurse on the host stack. Values live in 8-byte slots (i32/f32
/// zero-extended, references as store handles), in both tiers.
/// </summary>
internal static unsafe partial class Interpreter
{
    private const int PollInterval = 1024;

    /// <summary>
    /// Host-to-wasm entries nested in one store (a host function calling back into wasm, recursively).
    /// Bounded so the depth at which such recursion traps does not depend on the host thread's stack.
    /// </summary>
    internal const int MaxNestedEntries = 1000;

    /// <summary>Host entry: checks nothing about types (the caller did), runs, converts results.</summary>
    public static Value[] Invoke(Function function, Value[] args)
    {
        var store = function.Store;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) TrapException.Throw(TrapCode.StackExhausted);
        if (function.Host is { } host) return CallHost(function, host, args);

        var stack = store.Stack;
        var savedTop = stack.Top;
        var savedDepth = stack.Depth;
        if (stack.NestedEntries >= MaxNestedEntries) TrapException.Throw(TrapCode.StackExhausted);
        stack.NestedEntries++;
        try
        {
            var fp = stack.Top;
            if (fp + args.Length > stack.End) TrapException.Throw(TrapCode.StackExhausted);
            for (var i = 0; i < args.Length; i++) fp[i] = store.ToSlot(args[i]);
            var code = function.Code!;
            if (fp + code.FrameSlots > stack.End || stack.Depth >= stack.MaxDepth) TrapException.Throw(TrapCode.StackExhausted);
            if (store.Engine.Config.Tier == ExecutionTier.Compiled && code.IsTranslatable) CompiledRuntime.Enter(store, function, fp);
            else Execute(store, stack, function, fp);
            var resultTypes = function.Type.ResultArray;
            var results = new Value[resultTypes.Length];
            for (var i = 0; i < results.Length; i++) results[i] = store.FromSlot(resultTypes[i], fp[i]);
            return results;
        }
        finally
        {
            stack.Top = savedTop;
            stack.Depth = savedDepth;
            stack.NestedEntries--;
        }
    }

    private static Value[] CallHost(Function function, HostCallback host, ReadOnlySpan<Value> args)
    {
        var results = host(args) ?? throw new InvalidOperationException("a host function returned null instead of its results");
        var types = function.Type.ResultArray;
        if (results.Length != types.Length)
            throw new InvalidOperationException($"a host function returned {results.Length} results, its type declares {types.Length}");
        for (var i = 0; i < types.Length; i++)
        {
            if (results[i].Type != types[i])
                throw new InvalidOperationException($"a host function returned {results[i].Type.Name()} for result {i}, its type declares {types[i].Name()}");
        }
        return results;
    }

    /// <summary>A call from wasm to a host function: arguments are popped from <paramref name="sp"/>, results pushed back.</summary>
    internal static ulong* CallHostFromWasm(Store store, ExecutionStack stack, Function callee, ulong* sp, int depth)
    {
        var parameters = callee.Type.ParameterArray;
        sp -= parameters.Length;
        var args = new Value[parameters.Length];
        for (var i = 0; i < args.Length; i++) args[i] = store.FromSlot(parameters[i], sp[i]);
        stack.Top = sp + parameters.Length;
        stack.Depth = depth;
        var results = CallHost(callee, callee.Host!, args);
        if (sp + results.Length > stack.End) TrapException.Throw(TrapCode.StackExhausted);
        for (var i = 0; i < results.Length; i++) sp[i] = store.ToSlot(results[i]);
        return sp + results.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void OutOfFuel(Store store)
    {
        store.FuelLeft = 0;
        TrapException.Throw(TrapCode.OutOfFuel);
    }

    /// <summary>A conditional branch not taken: skip its target and pay for the segment that follows it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* ChargeFallthrough(Store store, int* ip)
    {
        if ((store.FuelLeft -= ip[1]) < 0) OutOfFuel(store);
        return ip + 2;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Poll(Store store)
    {
        if (store.IsInterrupted()) TrapException.Throw(TrapCode.Interrupted);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Move(ulong* destination, ulong* source, int count)
    {
        for (var i = 0; i < count; i++) destination[i] = source[i];
    }
}
