using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm;

/// <summary>
/// The state of one execution: instances, functions, memories, tables, globals, fuel and the value
/// stack. Not thread-safe: use one store per execution and from one thread at a time.
/// </summary>
public sealed class Store
{
    /// <summary>Host-side cap of the value stack, whatever the limits say (2 GiB of slots).</summary>
    private const long StackUnitCap = 1L << 28;

    private readonly List<Function> _functions = [];
    private readonly List<object> _externRefs = [];
    private readonly Dictionary<object, int> _externRefHandles = new();
    private long _deadlineTicks = long.MaxValue;

    public Store(Engine engine, StoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        Limits = limits ?? StoreLimits.Default;
        if (Limits.Fuel < 0) throw new ArgumentOutOfRangeException(nameof(limits), "Fuel must not be negative");
        if (Limits.MaxMemoryBytes < 0) throw new ArgumentOutOfRangeException(nameof(limits), "MaxMemoryBytes must not be negative");
        if (Limits.MaxTableElements < 0) throw new ArgumentOutOfRangeException(nameof(limits), "MaxTableElements must not be negative");
        if (Limits.MaxCallDepth < 1) throw new ArgumentOutOfRangeException(nameof(limits), "MaxCallDepth must be at least 1");
        if (Limits.MaxStackUnits < 1 || Limits.MaxStackUnits > StackUnitCap)
            throw new ArgumentOutOfRangeException(nameof(limits), $"MaxStackUnits must be between 1 and {StackUnitCap}");
        FuelLeft = Limits.Fuel;
    }

    public Engine Engine { get; }

    public StoreLimits Limits { get; }

    /// <summary>Fuel used so far by every call made in this store; after an out-of-fuel trap it is all of it.</summary>
    public long FuelConsumed => Limits.Fuel - FuelLeft;

    public long FuelRemaining => FuelLeft;

    /// <summary>Cancelling this token stops execution with <see cref="TrapCode.Interrupted"/> at the next loop back-edge or call.</summary>
    public CancellationToken Interrupt { get; set; }

    /// <summary>Execution still running at <paramref name="utc"/> stops with <see cref="TrapCode.Interrupted"/>.</summary>
    public void SetDeadline(DateTime utc) => _deadlineTicks = utc.ToUniversalTime().Ticks;

    internal long FuelLeft;

    /// <summary>Back-edges and calls left before compiled code next polls for interruption.</summary>
    internal int PollCountdown;

    internal ExecutionStack Stack => field ??= new ExecutionStack(Limits);

    internal bool PollsInterrupt => Interrupt.CanBeCanceled || _deadlineTicks != long.MaxValue;

    internal bool IsInterrupted() => Interrupt.IsCancellationRequested || DateTime.UtcNow.Ticks >= _deadlineTicks;

    internal ulong Register(Function function)
    {
        _functions.Add(function);
        return (ulong)_functions.Count;
    }

    internal Function FunctionAt(ulong handle) => _functions[(int)handle - 1];

    /// <summary>The slot form of a value: numbers as bits, references as store handles (0 is null).</summary>
    internal ulong ToSlot(Value value)
    {
        switch (value.Type)
        {
            case ValueType.FuncRef:
                if (value.Reference is not Function function) return 0;
                if (function.Store != this) throw new ArgumentException("the function belongs to a different store");
                return function.Handle;
            case ValueType.ExternRef:
                if (value.Reference is not { } host) return 0;
                if (!_externRefHandles.TryGetValue(host, out var handle))
                {
                    _externRefs.Add(host);
                    handle = _externRefs.Count;
                    _externRefHandles.Add(host, handle);
                }
                return (ulong)handle;
            default:
                return value.RawBits;
        }
    }

    internal Value FromSlot(ValueType type, ulong slot) => type switch
    {
        ValueType.FuncRef => Value.FuncRef(slot == 0 ? null : FunctionAt(slot)),
        ValueType.ExternRef => Value.ExternRef(slot == 0 ? null : _externRefs[(int)slot - 1]),
        _ => Value.FromBits(type, slot),
    };
}
