using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Paraloom.Wasm.Execution;

/// <summary>A suspended caller: where to resume and its frame.</summary>
internal unsafe struct CallFrame
{
    public Function Function;
    public int ReturnOffset;
    public ulong* FramePointer;
}

/// <summary>
/// The store's value stack (pinned, allocated uninitialized once) and call-frame stack. Wasm calls never
/// recurse on the host stack; their depth and size are bounded here in deterministic units.
/// </summary>
internal sealed unsafe class ExecutionStack
{
    private readonly ulong[] _slots;

    public ExecutionStack(StoreLimits limits)
    {
        _slots = GC.AllocateUninitializedArray<ulong>((int)limits.MaxStackUnits, pinned: true);
        Base = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_slots));
        End = Base + _slots.Length;
        Top = Base;
        MaxDepth = limits.MaxCallDepth;
        Frames = new CallFrame[Math.Min(MaxDepth, 256)];
    }

    public ulong* Base { get; }

    public ulong* End { get; }

    public int MaxDepth { get; }

    public CallFrame[] Frames { get; private set; }

    /// <summary>First free slot, for a host entry (nested host-to-wasm calls start above the caller).</summary>
    public ulong* Top;

    /// <summary>
    /// Calls active in this store, in either tier. Only the interpreter keeps a <see cref="Frames"/> entry per
    /// call, so an interpreter run entered from compiled code may start beyond the frames allocated so far.
    /// </summary>
    public int Depth;

    /// <summary>Host-to-wasm entries currently active (see <see cref="Interpreter.MaxNestedEntries"/>).</summary>
    public int NestedEntries;

    /// <summary>Makes room for at least <paramref name="length"/> frames (at most <see cref="MaxDepth"/>).</summary>
    public CallFrame[] GrowFrames(int length)
    {
        var grown = new CallFrame[Math.Min(Math.Max((long)Frames.Length * 2, length), MaxDepth)];
        Frames.CopyTo(grown, 0);
        Frames = grown;
        return grown;
    }
}
