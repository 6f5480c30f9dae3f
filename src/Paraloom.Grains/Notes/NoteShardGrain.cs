using Orleans;
using Orleans.Runtime;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

[GrainType("note-shard")]
internal sealed class NoteShardGrain([PersistentState("note-shard")] IPersistentState<NoteShardState> state) : Grain, INoteShardGrain
{
    private const int LeafSize = NoteTreeHash.Size;

    // Built from the stored leaves when first needed, and kept in step with them.
    private NoteSubtree? _subtree;

    private byte[] Leaves => state.State.Leaves;

    public async Task<byte[]> AppendAsync(int offset, byte[] leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Length % LeafSize != 0) throw new ArgumentException("Leaves are 32 bytes each.", nameof(leaves));
        if (offset < 0 || offset > Leaves.Length / LeafSize || offset + leaves.Length / LeafSize > NoteTreeTop.ShardSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Shard {this.GetPrimaryKeyLong()} holds {Leaves.Length / LeafSize} leaves of " +
                $"{NoteTreeTop.ShardSize}: {leaves.Length / LeafSize} cannot go at {offset}.");
        }
        if (_subtree is not null && _subtree.Count != offset)
        {
            // Leaves past the offset were a batch the tree never stored: the nodes over them go with them.
            _subtree = null;
        }
        state.State.Leaves = [.. Leaves.AsSpan(0, offset * LeafSize), .. leaves];
        await state.WriteStateAsync();
        if (_subtree is null) _subtree = Build();
        else _subtree.Append(leaves);
        return _subtree.Root.ToArray();
    }

    public Task<byte[]> ReadLeavesAsync() => Task.FromResult(Leaves);

    public Task<byte[]> PathAsync(int index)
    {
        if (Leaves.Length != NoteTreeTop.ShardSize * LeafSize) throw new InvalidOperationException($"Shard {this.GetPrimaryKeyLong()} is not full.");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, NoteTreeTop.ShardSize);
        var siblings = new byte[NoteTreeTop.ShardDepth * LeafSize];
        (_subtree ??= Build()).CopyPath(index, siblings);
        return Task.FromResult(siblings);
    }

    private NoteSubtree Build()
    {
        var subtree = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
        subtree.Append(Leaves);
        return subtree;
    }
}

/// <summary>A shard's leaves, in position order: hashes of public note commitments, nothing an opening could come from.</summary>
internal sealed class NoteShardState
{
    public byte[] Leaves { get; set; } = [];
}
