using System.Security.Cryptography;
using Paraloom.Privacy.Notes;

namespace Paraloom.Privacy.Tests.Notes;

/// <summary>
/// The note commitment tree against the vectors of docs/note-tree.md, which its Python lines computed independently:
/// leaf i there is the 34 bytes 01 02 then 32 copies of (i mod 256).
/// </summary>
public sealed class NoteTreeTests
{
    [Theory]
    [InlineData(0, "79e576849c69af5cb83ba599a44934103bd5758ebaf704ed31ab7f70477a9244")]
    [InlineData(1, "e5d90a2a04cb80c87cbab386f28e777833ab703d5243b9b20933fe20e87a1ced")]
    [InlineData(2, "b47e1d4058e2224a32d32b138189217b3d7d45fbea00cbd29197057ad879712a")]
    [InlineData(3, "82f55dca9ba5b58eebef6cc9bb647bd164f29ab409ab7d9e282bbf0f4c2b0c33")]
    [InlineData(5, "fea334d347cf9d31d64dfc02185032d673efae12639609b5a617bb1365a42fe2")]
    [InlineData(4097, "b498167e942d39299bf14e30596aa98b4729bd190c12ebca1463e75369a26525")]
    public void The_root_matches_the_documented_vector_whole_sharded_and_from_the_frontier(int size, string root)
    {
        var leaves = Leaves(size);
        var whole = new NoteSubtree(NoteTreeHash.Depth, 0);
        whole.Append(leaves);
        var frontier = new NoteTreeFrontier();
        for (var i = 0; i < size; i++) frontier.Append(leaves.AsSpan(i * 32, 32));

        Assert.Equal(root, Convert.ToHexStringLower(whole.Root));
        Assert.Equal(root, Convert.ToHexStringLower(frontier.Root()));
        Assert.Equal(root, Convert.ToHexStringLower(Sharded(leaves).Top.Root));
    }

    [Fact]
    public void The_empty_values_match_the_documented_vectors()
    {
        Assert.Equal("5f0bd612631d0f98e4c4c9dd2a03ce7131c75d29b6f7738e6a2b14b2ffbed434", Convert.ToHexStringLower(NoteTreeHash.Empty(0)));
        Assert.Equal("1eb48cf9dbbb59ba7614e34b417c6c70f499166d2e6a19171bfaefbbe61d1587", Convert.ToHexStringLower(NoteTreeHash.Empty(1)));
        Assert.Equal("79e576849c69af5cb83ba599a44934103bd5758ebaf704ed31ab7f70477a9244", Convert.ToHexStringLower(NoteTreeHash.Empty(32)));
        var leaf = new byte[32];
        NoteTreeHash.Leaf(Note(0), leaf);
        Assert.Equal("ceeb14ab107da98bb8f5239ce6def0cc9d5a8c2c8cb9fd9f8a2576f1716c9230", Convert.ToHexStringLower(leaf));
    }

    [Fact]
    public void A_path_matches_the_documented_vector_and_leads_to_the_root()
    {
        var leaves = Leaves(5);
        var tree = new NoteSubtree(NoteTreeHash.Depth, 0);
        tree.Append(leaves);
        var siblings = new byte[NotePath.SiblingsSize];
        tree.CopyPath(2, siblings);
        var path = NotePath.FromBytes(new NotePath(2, siblings).ToBytes());

        Assert.Equal("a4dd483c70f839bddbdaa15361f70cdda6fa45c6609a5812b0421ad7b92066bc", Convert.ToHexStringLower(siblings.AsSpan(0, 32)));
        Assert.Equal("cfe56d8243d25b199ae106f24068bfaeb4734a5d7ab8727d8ec019fb7a441be1", Convert.ToHexStringLower(SHA256.HashData(siblings)));
        Assert.Equal(tree.Root.ToArray(), path.RootFrom(leaves.AsSpan(64, 32)));
    }

    [Fact]
    public void Every_path_of_a_sharded_tree_equals_the_whole_trees_path()
    {
        const int size = 2 * 4096 + 17;
        var leaves = Leaves(size);
        var whole = new NoteSubtree(NoteTreeHash.Depth, 0);
        whole.Append(leaves);
        var (shards, top) = Sharded(leaves);
        foreach (var position in new[] { 0, 1, 4095, 4096, 4097, 8191, 8192, size - 1 })
        {
            var expected = new byte[NotePath.SiblingsSize];
            whole.CopyPath(position, expected);
            var sharded = new byte[NotePath.SiblingsSize];
            shards[position / 4096].CopyPath(position % 4096, sharded);
            top.CopyPath(position / 4096, sharded.AsSpan(12 * 32));

            Assert.Equal(expected, sharded);
            Assert.Equal(top.Root.ToArray(), new NotePath((uint)position, sharded).RootFrom(leaves.AsSpan(position * 32, 32)));
        }
    }

    /// <summary>
    /// The top as a tree grain keeps it: the open shard's root set after every batch, a full shard's root moved into the
    /// full ones; after each batch its root and the paths of notes in full and open shards equal the whole tree's.
    /// </summary>
    [Fact]
    public void A_top_fed_batch_by_batch_gives_the_whole_trees_root_and_paths()
    {
        const int size = 3 * 4096 + 100;
        var leaves = Leaves(size);
        var whole = new NoteSubtree(NoteTreeHash.Depth, 0);
        var top = new NoteTreeTop();
        var open = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
        var random = new Random(12);
        for (var offset = 0; offset < size;)
        {
            // Never across a shard's end, as the tree grain splits its batches.
            var take = Math.Min(Math.Min(random.Next(1, 1500), 4096 - offset % 4096), size - offset);
            var batch = leaves.AsSpan(offset * 32, take * 32);
            whole.Append(batch);
            open.Append(batch);
            offset += take;
            if (open.Count == NoteTreeTop.ShardSize)
            {
                top.CompleteOpenShard(open.Root);
                open = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
            }
            else
            {
                top.SetOpenShardRoot(open.Root);
            }

            Assert.Equal(whole.Root.ToArray(), top.Root.ToArray());
            foreach (var position in new[] { 0, offset / 2, offset - 1 })
            {
                var expected = new byte[NotePath.SiblingsSize];
                whole.CopyPath(position, expected);
                var upper = new byte[NoteTreeTop.PathSize];
                top.CopyPath(position / 4096, upper);
                Assert.Equal(expected.AsSpan(12 * 32).ToArray(), upper);
            }
        }
        Assert.Equal(3, top.FullShards);
        Assert.Equal("b498167e942d39299bf14e30596aa98b4729bd190c12ebca1463e75369a26525", Convert.ToHexStringLower(TopOf(Leaves(4097)).Root));
    }

    [Fact]
    public void A_top_rebuilt_from_its_full_shards_roots_and_the_open_shards_root_is_the_same_top()
    {
        var leaves = Leaves(2 * 4096 + 5);
        var (shards, _) = Sharded(leaves);
        var rebuilt = NoteTreeTop.FromFullShardRoots([.. shards[0].Root, .. shards[1].Root], shards[2].Root);
        var fed = TopOf(leaves);

        Assert.Equal(fed.Root.ToArray(), rebuilt.Root.ToArray());
        Assert.Equal(2, rebuilt.FullShards);
        var (upper, again) = (new byte[NoteTreeTop.PathSize], new byte[NoteTreeTop.PathSize]);
        rebuilt.CopyPath(1, upper);
        fed.CopyPath(1, again);
        Assert.Equal(again, upper);
        Assert.Throws<ArgumentOutOfRangeException>(() => rebuilt.CopyPath(3, upper));
    }

    [Fact]
    public void Appending_in_batches_of_any_size_gives_the_same_nodes_as_one_by_one()
    {
        var leaves = Leaves(1000);
        var single = new NoteSubtree(12, 0);
        for (var i = 0; i < 1000; i++) single.Append(leaves.AsSpan(i * 32, 32));
        var random = new Random(21);
        var batched = new NoteSubtree(12, 0);
        for (var offset = 0; offset < 1000;)
        {
            var take = Math.Min(random.Next(0, 90), 1000 - offset);
            batched.Append(leaves.AsSpan(offset * 32, take * 32));
            offset += take;
        }

        Assert.Equal(single.Root.ToArray(), batched.Root.ToArray());
        for (var level = 0; level <= 12; level++)
        {
            for (var index = 0L; index < (1000 >> level) + 2; index++)
            {
                Assert.Equal(single.NodeAt(level, index).ToArray(), batched.NodeAt(level, index).ToArray());
            }
        }
    }

    [Fact]
    public void A_wrong_path_position_leaf_size_or_root_is_refused()
    {
        var notes = Enumerable.Range(1, 6).Select(i => { using var opening = AmountOpening(i); return opening.Commit(); }).ToArray();
        var tree = new NoteSubtree(NoteTreeHash.Depth, 0);
        foreach (var note in notes) tree.Append(NoteTreeHash.Leaf(note));
        var root = tree.Root.ToArray();
        var siblings = new byte[NotePath.SiblingsSize];
        tree.CopyPath(3, siblings);
        var path = new NotePath(3, siblings);

        Assert.True(path.Proves(notes[3], 6, root));
        Assert.False(path.Proves(notes[2], 6, root));
        Assert.False(new NotePath(2, siblings).Proves(notes[3], 6, root));
        Assert.False(path.Proves(notes[3], 3, root));
        Assert.False(path.Proves(notes[3], 6, NoteTreeHash.Empty(32)));
        for (var i = 0; i < NotePath.SiblingsSize; i += 31)
        {
            var tampered = (byte[])siblings.Clone();
            tampered[i] ^= 0x80;
            Assert.False(new NotePath(3, tampered).Proves(notes[3], 6, root), $"Flipping sibling byte {i} went unnoticed.");
        }
        Assert.Throws<InvalidEncodingException>(() => NotePath.FromBytes(path.ToBytes().AsSpan(1)));
    }

    [Fact]
    public void A_path_in_hex_reads_back_the_same_and_a_bad_one_is_refused()
    {
        var siblings = new byte[NotePath.SiblingsSize];
        for (var i = 0; i < siblings.Length; i++) siblings[i] = (byte)i;
        var path = new NotePath(7, siblings);

        var hex = path.SiblingsHex();

        Assert.Equal(NoteTreeHash.Depth, hex.Length);
        Assert.Equal(Convert.ToHexStringLower(siblings.AsSpan(32, 32)), hex[1]);
        Assert.Equal(path.ToBytes(), NotePath.FromHex(7, hex).ToBytes());
        Assert.Throws<InvalidEncodingException>(() => NotePath.FromHex(-1, hex));
        Assert.Throws<InvalidEncodingException>(() => NotePath.FromHex(1L << 32, hex));
        Assert.Throws<InvalidEncodingException>(() => NotePath.FromHex(7, hex[1..]));
        Assert.Throws<InvalidEncodingException>(() => NotePath.FromHex(7, [.. hex[1..], "zz" + hex[0][2..]]));
    }

    [Fact]
    public void A_decoded_frontier_appends_on_to_the_same_root()
    {
        var leaves = Leaves(300);
        var frontier = new NoteTreeFrontier();
        for (var i = 0; i < 200; i++) frontier.Append(leaves.AsSpan(i * 32, 32));
        var decoded = NoteTreeFrontier.FromBytes(frontier.ToBytes());
        for (var i = 200; i < 300; i++)
        {
            Assert.Equal(i, decoded.Append(leaves.AsSpan(i * 32, 32)));
            frontier.Append(leaves.AsSpan(i * 32, 32));
        }
        var whole = new NoteSubtree(NoteTreeHash.Depth, 0);
        whole.Append(leaves);

        Assert.Equal(whole.Root.ToArray(), decoded.Root());
        Assert.Equal(frontier.ToBytes(), decoded.ToBytes());
        Assert.Throws<InvalidEncodingException>(() => NoteTreeFrontier.FromBytes(frontier.ToBytes().AsSpan(0, 8 + 32)));
    }

    private static NoteOpening AmountOpening(int i) =>
        NoteOpening.OfAmount((ulong)i, Blinding.FromBytes(SHA256.HashData(BitConverter.GetBytes(i))));

    private static byte[] Note(int i) => [1, 2, .. Enumerable.Repeat((byte)(i % 256), 32)];

    private static byte[] Leaves(int count)
    {
        var leaves = new byte[count * 32];
        for (var i = 0; i < count; i++) NoteTreeHash.Leaf(Note(i), leaves.AsSpan(i * 32, 32));
        return leaves;
    }

    private static NoteTreeTop TopOf(byte[] leaves)
    {
        var top = new NoteTreeTop();
        foreach (var shard in Sharded(leaves).Shards)
        {
            if (shard.Count == NoteTreeTop.ShardSize) top.CompleteOpenShard(shard.Root);
            else top.SetOpenShardRoot(shard.Root);
        }
        return top;
    }

    private static (List<NoteSubtree> Shards, NoteSubtree Top) Sharded(byte[] leaves)
    {
        var shards = new List<NoteSubtree>();
        var top = new NoteSubtree(20, 12);
        for (var offset = 0; offset < leaves.Length; offset += 4096 * 32)
        {
            var shard = new NoteSubtree(12, 0);
            shard.Append(leaves.AsSpan(offset, Math.Min(4096 * 32, leaves.Length - offset)));
            shards.Add(shard);
        }
        foreach (var shard in shards) top.Append(shard.Root);
        return (shards, top);
    }
}
