using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;
using Paraloom.Testing;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A rejection the cohorts certify comes with a rejection receipt that verifies from signatures alone (real silo, real
/// validators): a job every member ran past its wall clock, and one a byzantine member kept from agreement in every attempt.
/// </summary>
public sealed class RejectionReceiptTests
{
    [Fact]
    public async Task AJobEveryMemberRanPastItsWallClockIsRejectedWithAReceiptOfTheirSignedReports()
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: 3);
        var limits = new ResourceLimits { Fuel = 10_000_000_000, WallClock = TimeSpan.FromSeconds(1) };

        var submitted = await cluster.SubmitPublicAsync("endless", WasmModules.InfiniteLoop(), [], limits);
        var final = await cluster.WaitFinalAsync("endless");

        Assert.Equal((JobState.Rejected, JobRejectionReason.WallClockLimit), (final.State, final.RejectionCode));
        var receipt = RejectionReceipt.FromBytes(final.RejectionReceipt);
        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement);
        Assert.Equal((CertifiedRejectionReason.WallClock, 1, 3), (receipt.Reason, receipt.Attempts[0].Attempt, receipt.Attempts[0].Entries.Count));
        // The same reports do not prove a disagreement, nor anything under another authority.
        Assert.NotNull(new RejectionReceipt(receipt.Statement, CertifiedRejectionReason.WallClock, [.. receipt.Attempts, .. receipt.Attempts])
            .ProblemUnder(TestNetwork.Authority.PublicKey));
        using var stranger = Privacy.SecretKey.Generate();
        Assert.Contains("another authority", receipt.ProblemUnder(stranger.PublicKey));
    }

    [Fact]
    public async Task AJobAByzantineMemberKeptFromAgreementInEveryAttemptIsRejectedWithAReceiptOfTheDifferingVotes()
    {
        // K = 3 of 3 validators needs all 3 votes: a member that signs another result leaves every attempt two against one.
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 3, conduct: new Dictionary<string, ValidatorConduct> { ["validator-1"] = ValidatorConduct.WrongDigest },
            configure: options => options.AttemptGrace = TimeSpan.FromSeconds(3));
        var limits = new ResourceLimits { WallClock = TimeSpan.FromSeconds(1), DistributionTimeout = TimeSpan.FromSeconds(60) };

        var submitted = await cluster.SubmitPublicAsync("split", Repository.Program("sum"), ProgramInputs.Numbers(5, 6), limits);
        var final = await cluster.WaitFinalAsync("split");

        Assert.Equal((JobState.Rejected, JobRejectionReason.Disagreement), (final.State, final.RejectionCode));
        var receipt = RejectionReceipt.FromBytes(final.RejectionReceipt);
        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement);
        Assert.Equal([1, 2, 3], receipt.Attempts.Select(attempt => attempt.Attempt));
        Assert.All(receipt.Attempts, attempt => Assert.Equal(2, attempt.Entries.Select(entry => entry.Ballot!.Digest).Distinct().Count()));
        // Dropping the dissenting vote of any attempt leaves a vote missing that could have agreed: no longer proven.
        var attempts = receipt.Attempts.ToList();
        var majority = attempts[0].Entries.GroupBy(entry => entry.Ballot!.Digest).OrderByDescending(group => group.Count()).First();
        attempts[0] = new RejectedAttempt(1, attempts[0].Profile, attempts[0].Cohort, [.. majority]);
        Assert.Contains("could reach the threshold",
            new RejectionReceipt(receipt.Statement, CertifiedRejectionReason.Disagreement, attempts).ProblemUnder(TestNetwork.Authority.PublicKey));
    }
}
