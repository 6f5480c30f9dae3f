using System.Security.Cryptography;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;
using Paraloom.Testing;

namespace Paraloom.Grains.Tests;

/// <summary>
/// Final private jobs' notes in the one tree: each job's note once, at its own position, with a path to the tree's root
/// that only its requester is given; the tree, over its shards, keeps every note across a restart on either store.
/// </summary>
public abstract class NoteTreeGrainTests : StoreBackedTests
{
    [Fact]
    public async Task PrivateJobsNotesTakeDistinctPositionsAndEachRequesterGetsAProofAgainstTheTreesRoot()
    {
        await using var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        var jobs = Enumerable.Range(0, 3).Select(i => $"noted-{i}").ToArray();
        foreach (var jobId in jobs)
        {
            // One after the other, so finalisation order is submission order.
            await cluster.SubmitPrivateAsync(jobId, Repository.Program("sum"), ProgramInputs.Numbers(40, (uint)jobs.Length));
            await cluster.WaitFinalAsync(jobId);
        }
        await cluster.SubmitPublicAsync("public", Repository.Program("sum"), ProgramInputs.Numbers(1));
        await cluster.WaitFinalAsync("public");

        var proofs = new List<NoteInclusionProof>();
        foreach (var jobId in jobs) proofs.Add(await ProveAsync(cluster, jobId));

        Assert.Equal([0L, 1L, 2L], proofs.Select(proof => proof.Position));
        foreach (var (proof, jobId) in proofs.Zip(jobs))
        {
            var receipt = JobReceipt.FromBytes((await cluster.FetchResultAsync(jobId)).Receipt.Span);
            Assert.Equal(receipt.Note, proof.Note);
            Assert.True(proof.Verifies(), $"the proof of {jobId} does not verify");
            Assert.Equal((3L, Convert.ToHexString(proofs[^1].Root.Span)), (proof.TreeSize, Convert.ToHexString(proof.Root.Span)));
        }
        await Assert.ThrowsAsync<NoNoteException>(() => ProveAsync(cluster, "public"));
        // Guarded like the result: a signature of anyone but the requester gets nothing.
        using var stranger = SecretKey.Generate();
        var challenge = await cluster.Job(jobs[0]).CreateResultChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            cluster.Job(jobs[0]).GetNoteProofAsync(challenge, ResultAuthorization.Sign(stranger, jobs[0], challenge.Nonce.Span)));
    }

    /// <summary>
    /// More notes than a shard holds, appended concurrently so they arrive in batches: every position once, the last
    /// root the whole tree's, every path leading to it; after a crash the same, a job asking again gets its position
    /// back, and the next note goes after the last.
    /// </summary>
    [Fact]
    public async Task ConcurrentAppendsAcrossShardsKeepEveryNoteOnceAndARestartLosesNothing()
    {
        const int count = NoteTreeTop.ShardSize + 300;
        var cluster = await ComputeCluster.StartAsync(store: Store, keyDirectory: Keys);
        var notes = Enumerable.Range(0, count + 1).Select(Note).ToArray();
        var tree = cluster.Grains.GetGrain<INoteTreeGrain>(0);
        var positions = await Task.WhenAll(Enumerable.Range(0, count).Select(i => tree.AppendAsync($"job-{i}", notes[i])));

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), positions.Order());
        var whole = new NoteSubtree(NoteTreeHash.Depth, 0);
        foreach (var (position, i) in positions.Select((position, i) => (position, i)).OrderBy(pair => pair.position))
        {
            whole.Append(NoteTreeHash.Leaf(notes[i]));
        }
        await AssertProvesAsync(tree, notes, positions, count, whole.Root.ToArray());
        Assert.Equal(positions[7], await tree.AppendAsync("job-7", notes[7]));
        await tree.AcknowledgeAsync("job-8");
        await cluster.KillAsync();

        await cluster.StartAgainAsync();
        tree = cluster.Grains.GetGrain<INoteTreeGrain>(0);
        await AssertProvesAsync(tree, notes, positions, count, whole.Root.ToArray());
        Assert.Equal(positions[9], await tree.AppendAsync("job-9", notes[9]));
        Assert.Equal(count, await tree.AppendAsync("job-last", notes[count]));
        whole.Append(NoteTreeHash.Leaf(notes[count]));
        var last = await tree.ProveAsync(count);
        Assert.Equal((count + 1L, Convert.ToHexString(whole.Root)), (last.TreeSize, Convert.ToHexString(last.Root)));
        await cluster.DisposeAsync();
    }

    private static async Task AssertProvesAsync(INoteTreeGrain tree, NoteCommitment[] notes, long[] positions, long size, byte[] root)
    {
        foreach (var i in new[] { 0, 1, 4095, 4096, 4097, (int)size - 1 })
        {
            var proof = await tree.ProveAsync(positions[i]);
            Assert.Equal((size, Convert.ToHexString(root)), (proof.TreeSize, Convert.ToHexString(proof.Root)));
            Assert.True(NotePath.FromBytes(proof.Path).Proves(notes[i], proof.TreeSize, proof.Root), $"the path of note {i} does not lead to the root");
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ProveAsync(size));
    }

    private static async Task<NoteInclusionProof> ProveAsync(ComputeCluster cluster, string jobId)
    {
        var challenge = await cluster.Job(jobId).CreateResultChallengeAsync();
        return await cluster.Job(jobId).GetNoteProofAsync(challenge, ResultAuthorization.Sign(cluster.Requester, jobId, challenge.Nonce.Span));
    }

    private static NoteCommitment Note(int i)
    {
        using var opening = NoteOpening.OfAmount((ulong)i, Blinding.FromBytes(SHA256.HashData(BitConverter.GetBytes(i))));
        return opening.Commit();
    }
}

public sealed class SqliteNoteTreeGrainTests : NoteTreeGrainTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => Task.FromResult(TestStores.Sqlite(TemporaryDirectory));
}

public sealed class PostgreSqlNoteTreeGrainTests : NoteTreeGrainTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => TestStores.PostgreSqlAsync("notes");
}
