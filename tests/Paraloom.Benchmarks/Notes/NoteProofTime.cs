using System.Diagnostics;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Benchmarks.Notes;

/// <summary>
/// Inclusion-proof time in the pure Privacy code, for trees of 1k, 100k and 1M notes laid out as the grains hold them
/// (shards of 4,096 under a <see cref="NoteTreeTop"/>): making a note's path (its shard's 12 siblings and the top's 20)
/// and checking it against the root (<see cref="NotePath.Proves"/>), each at random positions.
/// </summary>
internal static class NoteProofTime
{
    private const int DistinctNotes = 251;

    private static readonly long[] Sizes = [1_000, 100_000, 1_000_000];

    public static void Run(int proofs)
    {
        Console.WriteLine($"Inclusion proofs: {proofs:N0} at random positions per tree, median and p99 of each operation");
        Console.WriteLine();
        Console.WriteLine("| tree size | build (s) | make a path (µs) p50 / p99 | verify a path (µs) p50 / p99 |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var size in Sizes)
        {
            var built = Stopwatch.StartNew();
            var (notes, shards, top) = Build(size);
            var buildSeconds = built.Elapsed.TotalSeconds;
            var random = new Random(42);
            var make = new double[proofs];
            var verify = new double[proofs];
            var siblings = new byte[NotePath.SiblingsSize];
            for (var i = 0; i < proofs; i++)
            {
                var position = random.NextInt64(size);
                var start = Stopwatch.GetTimestamp();
                var shard = position / NoteTreeTop.ShardSize;
                shards[(int)shard].CopyPath(position % NoteTreeTop.ShardSize, siblings);
                top.CopyPath(shard, siblings.AsSpan(NoteTreeTop.ShardDepth * NoteTreeHash.Size));
                var path = new NotePath((uint)position, siblings);
                make[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                start = Stopwatch.GetTimestamp();
                var proves = path.Proves(notes[position % DistinctNotes], size, top.Root);
                verify[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (!proves) throw new InvalidOperationException($"The path of note {position} does not lead to the root.");
            }
            Console.WriteLine($"| {size:N0} | {buildSeconds:0.0} | {Percentile(make, 0.5):0.0} / {Percentile(make, 0.99):0.0} | " +
                $"{Percentile(verify, 0.5):0.0} / {Percentile(verify, 0.99):0.0} |");
        }
        Console.WriteLine();
    }

    /// <summary>A tree of <paramref name="size"/> random notes: the notes, every shard and the top over them.</summary>
    private static (NoteCommitment[] Notes, List<NoteSubtree> Shards, NoteTreeTop Top) Build(long size)
    {
        // Committing costs far more than hashing: a few distinct notes repeat, note i being Notes[i % Notes.Length].
        var notes = Enumerable.Range(0, DistinctNotes).Select(_ => RandomNote()).ToArray();
        var shards = new List<NoteSubtree>();
        var top = new NoteTreeTop();
        var leaves = new byte[NoteTreeTop.ShardSize * NoteTreeHash.Size];
        for (long first = 0; first < size; first += NoteTreeTop.ShardSize)
        {
            var count = (int)Math.Min(NoteTreeTop.ShardSize, size - first);
            for (var i = 0; i < count; i++)
            {
                NoteTreeHash.Leaf(notes[(first + i) % DistinctNotes].ToBytes(), leaves.AsSpan(i * NoteTreeHash.Size, NoteTreeHash.Size));
            }
            var shard = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
            shard.Append(leaves.AsSpan(0, count * NoteTreeHash.Size));
            shards.Add(shard);
            if (count == NoteTreeTop.ShardSize) top.CompleteOpenShard(shard.Root);
            else top.SetOpenShardRoot(shard.Root);
        }
        return (notes, shards, top);
    }

    private static NoteCommitment RandomNote() => new(
        NoteKind.Amount, PedersenCommitment.Commit(CommitmentValue.OfAmount((ulong)Random.Shared.NextInt64()), Blinding.Random()));

    private static double Percentile(double[] values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))];
    }
}
