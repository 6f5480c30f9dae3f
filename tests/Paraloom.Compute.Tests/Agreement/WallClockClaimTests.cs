using Paraloom.Compute.Agreement;

namespace Paraloom.Compute.Tests.Agreement;

public sealed class WallClockClaimTests
{
    private static readonly byte[] StatementHash = Convert.FromHexString("42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e0591");

    [Fact]
    public void Every_field_changes_what_is_signed()
    {
        var cohort = VoteClaim.HashCohort(["v1", "v2", "v3"]);
        var claim = new WallClockClaim(StatementHash, 1, cohort, "p");
        byte[][] others =
        [
            new WallClockClaim(new byte[32], 1, cohort, "p").Hash(),
            new WallClockClaim(StatementHash, 2, cohort, "p").Hash(),
            new WallClockClaim(StatementHash, 1, VoteClaim.HashCohort(["v1", "v3", "v2"]), "p").Hash(),
            new WallClockClaim(StatementHash, 1, cohort, "q").Hash(),
        ];

        Assert.All(others, other => Assert.NotEqual(claim.Hash(), other));
        Assert.Equal(others.Length, others.Select(Convert.ToHexString).Distinct().Count());
    }

    /// <summary>A wall-clock report is no vote: the same fields never hash to what a vote signs.</summary>
    [Fact]
    public void A_report_cannot_pass_for_a_vote()
    {
        var cohort = VoteClaim.HashCohort(["v1"]);
        var report = new WallClockClaim(StatementHash, 1, cohort, "p");
        var vote = new VoteClaim(StatementHash, 1, cohort, ResultDigest.FromBytes(new byte[32]), 0, "p");

        Assert.NotEqual(vote.Hash(), report.Hash());
    }

    /// <summary>The vector of docs/receipt-format.md: a third party's encoder must produce these bytes.</summary>
    [Fact]
    public void The_documented_vector_is_reproduced()
    {
        var cohort = VoteClaim.HashCohort(["v5cbdf0646e5db4ea", "vc6047f9441ed7d6d", "ve493dbf1c10d80f3"]);
        var claim = new WallClockClaim(StatementHash, 1, cohort, "profile-1");

        Assert.Equal(Encoding, Convert.ToHexStringLower(claim.ToBytes()));
        Assert.Equal(Hash, Convert.ToHexStringLower(claim.Hash()));
    }

    private const string Encoding =
        "42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e05910000000176951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bd000970726f66696c652d31";
    private const string Hash = "8d32bfd9adeb1f486704475496de6bd6c91f298a865cbd0c093c9d57409621ee";
}
