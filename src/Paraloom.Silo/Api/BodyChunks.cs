using System.Buffers;

namespace Paraloom.Silo.Api;

/// <summary>
/// A request body read into fixed 64 KiB chunks rented from the shared pool, read as one sequence. Unlike a growing
/// buffer, a body costs its own size (no doubling, no copies, nothing on the large object heap), and the chunks go
/// back to the pool when disposed.
/// </summary>
internal sealed class BodyChunks : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _lastLength = ChunkBytes;

    public long Length { get; private set; }

    /// <summary>Reads <paramref name="body"/> to its end, or until it is longer than <paramref name="maxBytes"/>.</summary>
    /// <returns>Whether the whole body fitted.</returns>
    public async Task<bool> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_lastLength == ChunkBytes)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                _lastLength = 0;
            }
            var read = await body.ReadAsync(_chunks[^1].AsMemory(_lastLength, ChunkBytes - _lastLength), cancellationToken);
            if (read == 0)
            {
                return true;
            }
            _lastLength += read;
            Length += read;
            if (Length > maxBytes)
            {
                return false;
            }
        }
    }

    public ReadOnlySequence<byte> AsSequence()
    {
        if (_chunks.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Segment(_chunks[0].AsMemory(0, _chunks.Count == 1 ? _lastLength : ChunkBytes), 0);
        var last = first;
        for (var i = 1; i < _chunks.Count; i++)
        {
            last = last.Append(_chunks[i].AsMemory(0, i == _chunks.Count - 1 ? _lastLength : ChunkBytes));
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        _chunks.Clear();
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
