using System.Runtime.CompilerServices;

namespace Paraloom.Wasm.Execution;

/// <summary>
/// What compiled code calls into: entry from the host, wasm calls (each one a host call, bounded by the
/// same deterministic frame and unit counts as the interpreter's) and the out-of-line instructions. A call to
/// a function too long to translate runs it, and whatever it calls, in the interpreter.
/// </summary>
internal static unsafe class CompiledRuntime
{
    private const int PollInterval = 1024;

    /// <summary>
    /// Runs <paramref name="function"/> with its arguments at <paramref name="frame"/>; leaves its results there.
    /// The caller has checked that the frame fits and the depth is allowed.
    /// </summary>
    public static void Enter(Store store, Function function, ulong* frame)
    {
        var code = function.Code!;
        var body = Translated(store, code);
        LargeStack.Run(store.Limits, () => Activate(store, function.Instance!, code, body, frame));
    }

    /// <summary>A call from compiled code: arguments are below <paramref name="sp"/>; returns the stack pointer after the results.</summary>
    public static ulong* Call(Store store, Function callee, ulong* sp)
    {
        if (store.PollsInterrupt) Tick(store);
        var stack = store.Stack;
        if (callee.Code is not { } code) return Interpreter.CallHostFromWasm(store, stack, callee, sp, stack.Depth);
        var frame = sp - code.ParameterCount;
        var depth = stack.Depth;
        if (frame + code.FrameSlots > stack.End || depth >= stack.MaxDepth) TrapException.Throw(TrapCode.StackExhausted);
        stack.Depth = depth + 1;
        if (code.IsTranslatable) Activate(store, callee.Instance!, code, Translated(store, code), frame);
        else Interpreter.Execute(store, stack, callee, frame);
        stack.Depth = depth;
        return frame + code.ResultCount;
    }

    /// <summary>call_indirect: pops the table index, checks the element and its type, then calls it.</summary>
    public static ulong* CallIndirect(Store store, Instance instance, int typeId, int tableIndex, ulong* sp)
    {
        var table = instance.Tables[tableIndex];
        var index = (uint)*--sp;
        if (index >= (uint)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
        var handle = table.Elements[index];
        if (handle == 0) TrapException.Throw(TrapCode.IndirectCallToNull);
        var callee = store.FunctionAt(handle);
        if (callee.TypeId != typeId) TrapException.Throw(TrapCode.IndirectCallTypeMismatch);
        return Call(store, callee, sp);
    }

    private static CompiledBody Translated(Store store, CompiledFunction code)
    {
        var translatedBefore = code.IsTranslated;
        var body = code.Native(store.Engine.Config.CanonicalizeNaNs);
        // Translating took time no fuel paid for: a deadline that passed meanwhile stops the run now, not 1024 calls later.
        if (!translatedBefore && store.PollsInterrupt) Interpreter.Poll(store);
        return body;
    }

    /// <summary>A loop back-edge or call while the store can be interrupted.</summary>
    public static void Tick(Store store)
    {
        if (--store.PollCountdown > 0) return;
        store.PollCountdown = PollInterval;
        Interpreter.Poll(store);
    }

    /// <summary>memory.grow: the previous size in pages, or -1 as an unsigned i32 slot.</summary>
    public static ulong GrowMemory(Instance instance, ulong deltaPages) => (uint)(int)instance.Memory!.Grow((uint)deltaPages);

    public static byte* MemoryBase(Instance instance) => instance.Memory is { } memory ? memory.Pointer : null;

    public static ulong MemoryLength(Instance instance) => instance.Memory is { } memory ? memory.Length : 0;

    /// <summary>The instructions compiled code leaves to the interpreter's out-of-line handler (tables, bulk memory, conversions...).</summary>
    public static ulong* Cold(int op, ulong* sp, int* immediates, ulong* frame, Instance instance, Store store, bool canonicalize) =>
        Interpreter.ExecuteCold(op, sp, immediates, frame, instance, store, canonicalize).StackPointer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Activate(Store store, Instance instance, CompiledFunction code, CompiledBody body, ulong* frame)
    {
        // The deterministic limits above decide where the stack ends; this only guards the host if they are set too high.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) TrapException.Throw(TrapCode.StackExhausted);
        new Span<ulong>(frame + code.ParameterCount, code.LocalCount - code.ParameterCount).Clear();
        body(store, instance, frame);
    }
}
