namespace Paraloom.Wasm;

/// <summary>A table of references of a store. Elements are kept as store handles (0 is null).</summary>
public sealed class Table : Extern
{
    internal ulong[] Elements;

    public Table(Store store, ValueType elementType, uint minimum, uint? maximum = null) : base(store)
    {
        if (!elementType.IsReference()) throw new ArgumentException("a table holds funcref or externref", nameof(elementType));
        if (maximum < minimum) throw new ArgumentException("maximum is below minimum", nameof(maximum));
        if (minimum > (uint)store.Limits.MaxTableElements)
            throw new ResourceLimitException($"table of {minimum} elements exceeds the store limit of {store.Limits.MaxTableElements}");
        ElementType = elementType;
        Maximum = maximum;
        Elements = new ulong[minimum];
        Count = (int)minimum;
    }

    public override ExternKind Kind => ExternKind.Table;

    public ValueType ElementType { get; }

    public uint? Maximum { get; }

    public uint Size => (uint)Count;

    internal int Count { get; private set; }

    public Value Get(uint index)
    {
        if (index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), "index is outside the table");
        return Store.FromSlot(ElementType, Elements[index]);
    }

    public void Set(uint index, Value value)
    {
        if (index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), "index is outside the table");
        if (value.Type != ElementType) throw new ArgumentException($"value is {value.Type.Name()}, not {ElementType.Name()}", nameof(value));
        Elements[index] = Store.ToSlot(value);
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initial"/>; returns the old size or -1.</summary>
    public long Grow(uint delta, Value initial)
    {
        if (initial.Type != ElementType) throw new ArgumentException($"value is {initial.Type.Name()}, not {ElementType.Name()}", nameof(initial));
        return Grow(delta, Store.ToSlot(initial));
    }

    internal long Grow(uint delta, ulong initial)
    {
        var old = Count;
        var size = (ulong)old + delta;
        if (size > (Maximum ?? uint.MaxValue) || size > (ulong)Store.Limits.MaxTableElements) return -1;
        if ((int)size > Elements.Length)
        {
            Array.Resize(ref Elements, (int)Math.Min(Math.Max(size, (ulong)Elements.Length * 2), (ulong)Store.Limits.MaxTableElements));
        }
        Elements.AsSpan(old, (int)delta).Fill(initial);
        Count = (int)size;
        return old;
    }
}
