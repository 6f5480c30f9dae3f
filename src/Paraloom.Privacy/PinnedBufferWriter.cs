using System.Buffers;
using System.Security.Cryptography;

namespace Paraloom.Privacy;

/// <summary>
/// A fixed-size, pinned buffer for <see cref="System.Text.Json.Utf8JsonWriter"/> to write a secret document into, so the
/// secret is never copied into a buffer this library cannot zero (a growing array, a FileStream's buffer).
/// <see cref="Dispose"/> zeroes it.
/// </summary>
internal sealed class PinnedBufferWriter(int capacity) : IBufferWriter<byte>, IDisposable
{
    private readonly byte[] _buffer = GC.AllocateArray<byte>(capacity, pinned: true);
    private int _written;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written) throw new InvalidOperationException("Advanced past the end of the pinned buffer.");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(_written, Available(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(_written, Available(sizeHint));

    /// <summary>All that is left; a request for more than that is a document too large for this buffer.</summary>
    private int Available(int sizeHint)
    {
        int available = _buffer.Length - _written;
        if (sizeHint > available) throw new InvalidOperationException($"The pinned buffer of {_buffer.Length} bytes is too small.");
        return available;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_buffer);
}
