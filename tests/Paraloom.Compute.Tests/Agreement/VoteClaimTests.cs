using Paraloom.Compute.Agreement;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Tests.Agreement;

public sealed class VoteClaimTests
{
    private static readonly byte[] StatementHash = Convert.FromHexString(JobStatementVectorHash);
    private const string JobStatementVectorHash = "42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e0591";

    [Fact]
    public void Every_field_changes_what_is_signed()
    {
        var cohort = VoteClaim.HashCohort(["v1", "v2", "v3"]);
        var digest = ResultDigest.FromBytes(new byte[32]);
        var claim = new VoteClaim(StatementHash, 1, cohort, digest, 10, "p");
        byte[][] others =
        [
            new VoteClaim(new byte[32], 1, cohort, digest, 10, "p").Hash(),
            new VoteClaim(StatementHash, 2, cohort, digest, 10, "p").Hash(),
            new VoteClaim(StatementHash, 1, VoteClaim.HashCohort(["v1", "v3", "v2"]), digest, 10, "p").Hash(),
            new VoteClaim(StatementHash, 1, cohort, ResultDigest.FromBytes(Enumerable.Repeat((byte)1, 32).ToArray()), 10, "p").Hash(),
            new VoteClaim(StatementHash, 1, cohort, digest, 11, "p").Hash(),
            new VoteClaim(StatementHash, 1, cohort, digest, 10, "q").Hash(),
            new VoteClaim(StatementHash, 1, cohort, digest, 10, "p", Note(NoteKind.Amount, 42)).Hash(),
            new VoteClaim(StatementHash, 1, cohort, digest, 10, "p", Note(NoteKind.Data, 42)).Hash(),
            new VoteClaim(StatementHash, 1, cohort, digest, 10, "p", Note(NoteKind.Amount, 43)).Hash(),
        ];

        Assert.All(others, other => Assert.NotEqual(claim.Hash(), other));
        Assert.Equal(others.Length, others.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void A_cohort_is_named_by_its_ids_in_order_without_ambiguity()
    {
        Assert.NotEqual(VoteClaim.HashCohort(["ab", "c"]), VoteClaim.HashCohort(["a", "bc"]));
        Assert.NotEqual(VoteClaim.HashCohort(["a"]), VoteClaim.HashCohort(["a", "a"]));
    }

    /// <summary>The vector of docs/receipt-format.md: a third party's encoder must produce these bytes.</summary>
    [Fact]
    public void The_documented_vector_is_reproduced()
    {
        var cohort = VoteClaim.HashCohort(["v5cbdf0646e5db4ea", "vc6047f9441ed7d6d", "ve493dbf1c10d80f3"]);
        var claim = new VoteClaim(
            StatementHash, 1, cohort, ResultDigest.Parse("c5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d40"), 1_234,
            "profile-1");

        Assert.Equal(VoteVector.Cohort, Convert.ToHexStringLower(cohort));
        Assert.Equal(VoteVector.Encoding, Convert.ToHexStringLower(claim.ToBytes()));
        Assert.Equal(VoteVector.Hash, Convert.ToHexStringLower(claim.Hash()));
    }

    /// <summary>The vector with a note: an amount note of 42 under blinding 1 (42·G + H).</summary>
    [Fact]
    public void The_documented_vector_with_a_note_is_reproduced()
    {
        var cohort = VoteClaim.HashCohort(["v5cbdf0646e5db4ea", "vc6047f9441ed7d6d", "ve493dbf1c10d80f3"]);
        var claim = new VoteClaim(
            StatementHash, 1, cohort, ResultDigest.Parse("c5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d40"), 1_234,
            "profile-1", Note(NoteKind.Amount, 42));

        Assert.Equal(NotedVoteVector.Note, claim.Note!.ToHex());
        Assert.Equal(NotedVoteVector.Encoding, Convert.ToHexStringLower(claim.ToBytes()));
        Assert.Equal(NotedVoteVector.Hash, Convert.ToHexStringLower(claim.Hash()));
    }

    /// <summary>A note of <paramref name="value"/> as an amount under blinding 1; a data note commits to the same scalar.</summary>
    private static NoteCommitment Note(NoteKind kind, ulong value)
    {
        var one = new byte[Blinding.Size];
        one[^1] = 1;
        using var amount = CommitmentValue.OfAmount(value);
        using var blinding = Blinding.FromBytes(one);
        return new NoteCommitment(kind, PedersenCommitment.Commit(amount, blinding));
    }

    private static class NotedVoteVector
    {
        public const string Note = "01021c1f29a819b7d3fde56f425692e9cb9a6682ae412a1a1019b3261da6439371e6";
        public const string Encoding =
            "42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e05910000000176951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bdc5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d4000000000000004d2000970726f66696c652d3101021c1f29a819b7d3fde56f425692e9cb9a6682ae412a1a1019b3261da6439371e6";
        public const string Hash = "844b024e59bd7300838c2aa21b097773be1b3f171ca258d71973841f854a3dca";
    }

    private static class VoteVector
    {
        public const string Cohort = "76951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bd";
        public const string Encoding =
            "42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e05910000000176951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bdc5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d4000000000000004d2000970726f66696c652d3100";
        public const string Hash = "dc518c3da70c9b0457548867e8cbc1bed0831b148d3b0b9e72dd94c1c5460ae8";
    }
}
