using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using Paraloom.Privacy.Notes;
using static Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests.Notes;

public sealed class OutputNoteTests
{
    private static readonly byte[] Amount = BitConverter.GetBytes(52_000UL);
    private static readonly byte[] Statistics = "{\"mean\":5366}"u8.ToArray();

    [Fact]
    public void Every_holder_of_the_job_key_computes_one_note_for_one_output()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out JobNonce nonce);
        using JobKey rederived = JobKey.Derive(job.Requester, nonce);

        Assert.Equal(OutputNote.Commit(key, job.Job, Statistics), OutputNote.Commit(rederived, job.Job, Statistics.ToArray()));
        Assert.Equal(OutputNote.Commit(key, job.Job, Amount), OutputNote.Commit(rederived, job.Job, Amount));
    }

    [Fact]
    public void An_eight_byte_output_is_an_amount_note_and_any_other_a_data_note()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        using var amount = OutputNote.Open(key, job.Job, Amount);
        using var data = OutputNote.Open(key, job.Job, Statistics);

        Assert.Equal((NoteKind.Amount, 52_000UL), (amount.Kind, amount.Amount!.Value));
        Assert.Null(amount.Data);
        Assert.Equal(NoteKind.Data, data.Kind);
        Assert.Equal(Statistics, data.Data!.Value.ToArray());
        Assert.Null(data.Amount);
        Assert.Equal(NoteKind.Amount, OutputNote.Commit(key, job.Job, Amount).Kind);
        Assert.Equal(NoteKind.Data, OutputNote.Commit(key, job.Job, new byte[9]).Kind);
    }

    /// <summary>The construction of docs/cryptography.md §13, recomputed with BouncyCastle and .NET's HKDF alone.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_note_is_the_documented_commitment(bool isAmount)
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] output = isAmount ? Amount : Statistics;
        byte[] info = [.. Encoding.ASCII.GetBytes("paraloom/note-blinding/v1"), .. job.Job.Encoded];
        var blinding = ToBig(HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key.ToArray(), 32, [], info)).Mod(N);
        var value = isAmount
            ? BigInteger.ValueOf((long)BinaryPrimitives.ReadUInt64LittleEndian(output))
            : ToBig(TaggedHash("paraloom/note-data/v1", output)).Mod(N);

        var note = OutputNote.Commit(key, job.Job, output);

        Assert.Equal(Commit(value, blinding), note.Commitment.ToBytes());
        Assert.Equal((byte)(isAmount ? 1 : 2), note.ToBytes()[0]);
    }

    [Fact]
    public void A_note_differs_by_output_job_and_key_and_its_opening_opens_only_it()
    {
        using var job = new JobFixture();
        using var otherJob = new JobFixture("job-0002", job.Input);
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        using JobKey otherKey = JobKey.CreateNew(job.Requester, out _);
        var note = OutputNote.Commit(key, job.Job, Amount);
        using var opening = OutputNote.Open(key, job.Job, Amount);
        using var forged = OutputNote.Open(key, job.Job, BitConverter.GetBytes(52_001UL));

        Assert.NotEqual(note, OutputNote.Commit(key, job.Job, BitConverter.GetBytes(52_001UL)));
        Assert.NotEqual(note, OutputNote.Commit(otherKey, job.Job, Amount));
        Assert.NotEqual(note, OutputNote.Commit(key, otherJob.Job, Amount));
        Assert.True(opening.Opens(note));
        Assert.False(forged.Opens(note));
        // The same point under the other kind is another note: the kind is part of what is signed.
        Assert.False(opening.Opens(new NoteCommitment(NoteKind.Data, note.Commitment)));
    }

    [Fact]
    public void A_note_round_trips_its_encoding_and_refuses_unknown_kinds()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        var note = OutputNote.Commit(key, job.Job, Statistics);
        byte[] encoded = note.ToBytes();
        byte[] unknownKind = [3, .. encoded[1..]];

        Assert.Equal(NoteCommitment.Size, encoded.Length);
        Assert.Equal(note, NoteCommitment.FromBytes(encoded));
        Assert.Equal(note, NoteCommitment.FromHex(note.ToHex()));
        Assert.Throws<InvalidEncodingException>(() => NoteCommitment.FromBytes(unknownKind));
        Assert.Throws<InvalidEncodingException>(() => NoteCommitment.FromBytes(encoded[..^1]));
    }
}
