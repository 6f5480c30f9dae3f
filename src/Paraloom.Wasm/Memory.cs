using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Paraloom.Wasm;

/// <summary>A linear memory of a store, in 64 KiB pages.</summary>
public sealed unsafe class Memory : Extern
{
    public const int PageSize = 65536;

    /// <summary>Largest memory a .NET array can back (2 GiB minus one page).</summary>
    private const uint ArrayPageLimit = 32767;

    private byte[] _bytes;

    public Memory(Store store, uint minimumPages, uint? maximumPages = null) : base(store)
    {
        if (maximumPages < minimumPages) throw new ArgumentException("maximum is below minimum", nameof(maximumPages));
        if (maximumPages > 65536) throw new ArgumentOutOfRangeException(nameof(maximumPages), "at most 65536 pages");
        if (minimumPages > PageLimit(store))
            throw new ResourceLimitException(
                $"memory of {minimumPages} pages exceeds the store limit of {store.Limits.MaxMemoryBytes} bytes");
        Maximum = maximumPages;
        _bytes = Allocate(minimumPages);
        Pointer = AddressOf(_bytes);
        Length = (ulong)_bytes.Length;
    }

    public override ExternKind Kind => ExternKind.Memory;

    public uint? Maximum { get; }

    /// <summary>Current size in pages.</summary>
    public int Pages => (int)(Length / PageSize);

    /// <summary>The memory's bytes; invalidated by growth.</summary>
    public Span<byte> Span => _bytes.AsSpan(0, (int)Length);

    /// <summary>Base address, stable until the next growth (the array is pinned).</summary>
    internal byte* Pointer { get; private set; }

    internal ulong Length { get; private set; }

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the previous size in pages, or -1 past the maximum or the store limit.</summary>
    public long Grow(uint deltaPages)
    {
        var old = (uint)Pages;
        var size = (ulong)old + deltaPages;
        if (size > (Maximum ?? 65536u) || size > PageLimit(Store)) return -1;
        if (size * PageSize > (ulong)_bytes.Length)
        {
            // Reserve geometrically (within the limits) so a module growing page by page copies O(n) bytes in total.
            var limit = Math.Min(Maximum ?? 65536u, PageLimit(Store));
            var capacity = (uint)Math.Min(Math.Max(size, (ulong)old * 2), limit);
            var grown = Allocate(capacity);
            _bytes.AsSpan(0, (int)Length).CopyTo(grown);
            _bytes = grown;
            Pointer = AddressOf(grown);
        }
        // Bytes past Length were never writable, so the capacity beyond it is still zero.
        Length = size * PageSize;
        return old;
    }

    public byte ReadByte(long address) => Slice(address, 1)[0];

    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(Slice(address, 4));

    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(Slice(address, 8));

    public byte[] ReadBytes(long address, int length) => Slice(address, length).ToArray();

    public void WriteByte(long address, byte value) => Slice(address, 1)[0] = value;

    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(Slice(address, 4), value);

    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(Slice(address, 8), value);

    public void Write(long address, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Slice(address, bytes.Length));

    private Span<byte> Slice(long address, int length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "length is negative");
        if (address < 0 || (ulong)address + (ulong)length > Length)
            throw new ArgumentOutOfRangeException(nameof(address), $"[{address}, +{length}) is outside the memory of {Length} bytes");
        return _bytes.AsSpan((int)address, length);
    }

    private static uint PageLimit(Store store) =>
        (uint)Math.Min(ArrayPageLimit, Math.Max(0, store.Limits.MaxMemoryBytes) / PageSize);

    private static byte[] Allocate(uint pages) => GC.AllocateArray<byte>((int)(pages * PageSize), pinned: true);

    private static byte* AddressOf(byte[] bytes) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
}
