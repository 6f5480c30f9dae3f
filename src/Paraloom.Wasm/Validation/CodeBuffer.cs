namespace Paraloom.Wasm.Validation;

/// <summary>A growable int buffer for the instruction stream being emitted.</summary>
internal sealed class CodeBuffer
{
    private int[] _items = new int[64];

    public int Count { get; private set; }

    public ref int this[int index] => ref _items[index];

    public ReadOnlySpan<int> Span => _items.AsSpan(0, Count);

    /// <summary>Appends one value and returns its position.</summary>
    public int Emit(int value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count] = value;
        return Count++;
    }

    public void Truncate(int count) => Count = count;
}
