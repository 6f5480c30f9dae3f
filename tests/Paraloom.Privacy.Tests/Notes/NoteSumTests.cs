using Org.BouncyCastle.Math;
using Paraloom.Privacy.Notes;
using static Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests.Notes;

public sealed class NoteSumTests
{
    [Fact]
    public void A_third_party_checks_the_total_of_notes_it_cannot_open()
    {
        using var notes = new Notes(52_000, 61_000, 58_500);
        var proof = NoteSum.Prove(notes.Openings);
        var parsed = NoteSum.FromBytes(proof.ToBytes());

        Assert.Equal(171_500UL, parsed.Total);
        Assert.Equal(NoteSum.Size, proof.ToBytes().Length);
        Assert.Null(parsed.ProblemWith(notes.Commitments));
        Assert.Null(NoteSum.FromHex(proof.ToHex()).ProblemWith(notes.Commitments));
    }

    [Fact]
    public void A_wrong_total_other_notes_another_order_or_a_tampered_proof_is_refused()
    {
        using var notes = new Notes(52_000, 61_000, 58_500);
        using var other = new Notes(52_000, 61_000, 58_501);
        var proof = NoteSum.Prove(notes.Openings).ToBytes();
        var wrongTotal = (byte[])proof.Clone();
        wrongTotal[7] ^= 1;

        Assert.Contains("do not sum to 171501", NoteSum.FromBytes(wrongTotal).ProblemWith(notes.Commitments));
        Assert.NotNull(NoteSum.FromBytes(proof).ProblemWith(other.Commitments));
        Assert.NotNull(NoteSum.FromBytes(proof).ProblemWith([.. notes.Commitments.Reverse()]));
        Assert.NotNull(NoteSum.FromBytes(proof).ProblemWith([.. notes.Commitments.Take(2)]));
        for (var i = 0; i < proof.Length; i++)
        {
            var tampered = (byte[])proof.Clone();
            tampered[i] ^= 0x01;
            Assert.True(NoteSum.FromBytes(tampered).ProblemWith(notes.Commitments) is not null, $"Flipping byte {i} went unnoticed.");
        }
    }

    [Fact]
    public void A_proof_for_a_total_the_notes_do_not_hold_cannot_be_made_from_a_wrong_blinding()
    {
        using var notes = new Notes(10, 20);
        // A prover claiming 31 must know log_H(ΣC − 31·G); with the real blindings it proves 30, and nothing else verifies.
        using var forgedOpening = NoteOpening.OfAmount(11, Blinding.FromBytes(notes.Openings[0].Blinding.ExportBytes()));
        var forged = NoteSum.Prove([forgedOpening, notes.Openings[1]]);

        Assert.Equal(31UL, forged.Total);
        Assert.NotNull(forged.ProblemWith(notes.Commitments));
    }

    /// <summary>The verification equation of docs/cryptography.md §13.2, recomputed with BouncyCastle.</summary>
    [Fact]
    public void The_proof_satisfies_the_documented_equation()
    {
        using var notes = new Notes(7, 8);
        var proof = NoteSum.Prove(notes.Openings).ToBytes();
        var nonce = Decode(proof[8..41])!;
        var s = ToBig(proof[41..]);
        byte[] challengeInput = [0, 2, .. notes.Commitments[0].Commitment.ToBytes(), .. notes.Commitments[1].Commitment.ToBytes(),
            .. proof[..8], .. proof[8..41]];
        var e = ToBig(TaggedHash("paraloom/note-sum/v1", challengeInput)).Mod(N);
        var difference = Decode(notes.Commitments[0].Commitment.ToBytes())!.Add(Decode(notes.Commitments[1].Commitment.ToBytes())!)
            .Subtract(G.Multiply(BigInteger.ValueOf(15)));

        Assert.Equal(Compressed(H.Multiply(s)), Compressed(nonce.Add(difference.Multiply(e))));
    }

    [Fact]
    public void Data_notes_no_notes_and_overflowing_sums_are_refused()
    {
        using var amounts = new Notes(ulong.MaxValue, 1);
        using var data = NoteOpening.OfData("not an amount"u8, Blinding.Random());

        Assert.Throws<ArgumentException>(() => NoteSum.Prove([data]));
        Assert.Throws<ArgumentException>(() => NoteSum.Prove([]));
        Assert.Throws<ArgumentException>(() => NoteSum.Prove(amounts.Openings));
        using var fine = new Notes(1);
        var proof = NoteSum.Prove(fine.Openings);
        Assert.Contains("not an amount note", proof.ProblemWith([data.Commit()]));
        Assert.Throws<InvalidEncodingException>(() => NoteSum.FromBytes(new byte[NoteSum.Size - 1]));
    }

    /// <summary>Amount notes under fresh random blindings, as jobs' notes would be under their job keys.</summary>
    private sealed class Notes : IDisposable
    {
        public Notes(params ulong[] amounts)
        {
            Openings = [.. amounts.Select(amount => NoteOpening.OfAmount(amount, Blinding.Random()))];
            Commitments = [.. Openings.Select(opening => opening.Commit())];
        }

        public NoteOpening[] Openings { get; }

        public NoteCommitment[] Commitments { get; }

        public void Dispose()
        {
            foreach (var opening in Openings)
            {
                opening.Dispose();
            }
        }
    }
}
