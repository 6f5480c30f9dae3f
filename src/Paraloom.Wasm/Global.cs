using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm;

/// <summary>A global variable of a store.</summary>
public sealed class Global : Extern
{
    /// <summary>The raw slot; references are store handles. Read and written directly by the interpreter.</summary>
    internal ulong Bits;

    public Global(Store store, ValueType type, bool mutable, Value value) : base(store)
    {
        if (value.Type != type) throw new ArgumentException($"initial value is {value.Type.Name()}, not {type.Name()}", nameof(value));
        Type = type;
        Mutable = mutable;
        Bits = store.ToSlot(value);
    }

    internal Global(Store store, GlobalType type, ulong bits) : base(store)
    {
        Type = type.Type;
        Mutable = type.Mutable;
        Bits = bits;
    }

    public override ExternKind Kind => ExternKind.Global;

    public ValueType Type { get; }

    public bool Mutable { get; }

    public Value Value
    {
        get => Store.FromSlot(Type, Bits);
        set
        {
            if (!Mutable) throw new InvalidOperationException("the global is immutable");
            if (value.Type != Type) throw new ArgumentException($"value is {value.Type.Name()}, not {Type.Name()}", nameof(value));
            Bits = Store.ToSlot(value);
        }
    }
}
