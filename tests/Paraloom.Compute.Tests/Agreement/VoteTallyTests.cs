using Paraloom.Compute.Agreement;

namespace Paraloom.Compute.Tests.Agreement;

public class VoteTallyTests
{
    private static readonly ResultDigest X = Digest(1);
    private static readonly ResultDigest Y = Digest(2);

    private static ResultDigest Digest(byte fill) => ResultDigest.FromBytes(Enumerable.Repeat(fill, 32).ToArray());

    private static string[] Cohort(int k) => Enumerable.Range(1, k).Select(i => $"v{i}").ToArray();

    [Fact]
    public void Three_of_three_accepts_and_finalises()
    {
        var tally = new VoteTally(Cohort(3), attempt: 1);
        Assert.Equal(3, tally.Threshold);
        Assert.Equal(VoteReceipt.Counted, tally.Add(new Vote("v1", 1, X, 100)));
        Assert.Equal(VoteReceipt.Counted, tally.Add(new Vote("v2", 1, X, 100)));
        Assert.Equal(TallyStatus.Pending, tally.Status);
        Assert.Null(tally.Outcome);
        tally.Add(new Vote("v3", 1, X, 100));

        Assert.Equal(TallyStatus.Accepted, tally.Status);
        var outcome = tally.Outcome!;
        Assert.Equal(AgreementOutcomeKind.Finalised, outcome.Kind);
        Assert.Equal(X, outcome.Digest);
        Assert.Equal(100, outcome.FuelUsed);
    }

    [Fact]
    public void Accepts_as_soon_as_the_threshold_is_reached()
    {
        var tally = new VoteTally(Cohort(10), attempt: 1);
        for (var i = 1; i <= 6; i++)
        {
            tally.Add(new Vote($"v{i}", 1, X, 5));
        }
        Assert.Equal(TallyStatus.Pending, tally.Status);
        tally.Add(new Vote("v7", 1, X, 5));
        Assert.Equal(TallyStatus.Accepted, tally.Status);
    }

    [Fact]
    public void Disagreement_is_declared_once_no_result_can_reach_the_threshold()
    {
        var tally = new VoteTally(Cohort(5), attempt: 1);
        Assert.Equal(4, tally.Threshold);
        tally.Add(new Vote("v1", 1, X, 5));
        tally.Add(new Vote("v2", 1, Y, 5));
        Assert.Equal(TallyStatus.Pending, tally.Status);
        tally.Add(new Vote("v3", 1, Y, 5));
        Assert.Equal(TallyStatus.Pending, tally.Status);
        tally.Add(new Vote("v4", 1, X, 5));
        Assert.Equal(TallyStatus.Disagreement, tally.Status);

        var outcome = tally.Outcome!;
        Assert.Equal(AgreementOutcomeKind.Retry, outcome.Kind);
        Assert.Contains("no result reached 4 of 5", outcome.Reason);
    }

    [Fact]
    public void The_same_digest_with_different_fuel_is_a_different_result()
    {
        var tally = new VoteTally(Cohort(3), attempt: 1);
        tally.Add(new Vote("v1", 1, X, 5));
        tally.Add(new Vote("v2", 1, X, 6));
        Assert.Equal(TallyStatus.Disagreement, tally.Status);
    }

    [Fact]
    public void The_last_attempt_rejects_instead_of_retrying()
    {
        var tally = new VoteTally(Cohort(3), attempt: 3);
        tally.Add(new Vote("v1", 3, X, 5));
        tally.Add(new Vote("v2", 3, Y, 5));
        Assert.Equal(AgreementOutcomeKind.Reject, tally.Outcome!.Kind);
        Assert.Contains("did not agree in 3 attempts", tally.Outcome.Reason);

        var lenient = new VoteTally(Cohort(3), attempt: 3, new AgreementOptions { MaxAttempts = 4 });
        lenient.Add(new Vote("v1", 3, X, 5));
        lenient.Add(new Vote("v2", 3, Y, 5));
        Assert.Equal(AgreementOutcomeKind.Retry, lenient.Outcome!.Kind);
    }

    [Fact]
    public void Only_cohort_members_of_this_attempt_are_counted()
    {
        var tally = new VoteTally(Cohort(3), attempt: 2);
        Assert.Equal(VoteReceipt.NotInCohort, tally.Add(new Vote("intruder", 2, X, 5)));
        Assert.Equal(VoteReceipt.WrongAttempt, tally.Add(new Vote("v1", 1, X, 5)));
        Assert.Equal(0, tally.Replies);
        Assert.Equal(TallyStatus.Pending, tally.Status);
    }

    [Fact]
    public void Duplicates_are_ignored_idempotently()
    {
        var tally = new VoteTally(Cohort(3), attempt: 1);
        tally.Add(new Vote("v1", 1, X, 5));
        Assert.Equal(VoteReceipt.Duplicate, tally.Add(new Vote("v1", 1, X, 5)));
        Assert.Equal(VoteReceipt.Duplicate, tally.Add(new Vote("v1", 1, X, 5)));
        Assert.Equal(1, tally.Replies);
        tally.Add(new Vote("v2", 1, X, 5));
        Assert.Equal(TallyStatus.Pending, tally.Status);
    }

    [Fact]
    public void Equivocation_voids_the_members_votes_and_is_recorded()
    {
        var tally = new VoteTally(Cohort(4), attempt: 1);
        Assert.Equal(3, tally.Threshold);
        tally.Add(new Vote("v1", 1, X, 5));
        tally.Add(new Vote("v2", 1, X, 5));
        Assert.Equal(VoteReceipt.Equivocation, tally.Add(new Vote("v2", 1, Y, 5)));
        Assert.Equal(VoteReceipt.Equivocation, tally.Add(new Vote("v2", 1, X, 5)));
        Assert.Contains("v2", tally.Equivocators);

        tally.Add(new Vote("v3", 1, X, 5));
        Assert.Equal(TallyStatus.Pending, tally.Status);
        tally.Add(new Vote("v4", 1, X, 5));
        Assert.Equal(TallyStatus.Accepted, tally.Status);
        Assert.Equal(MemberConduct.Equivocated, tally.Conduct()["v2"]);
    }

    [Fact]
    public void A_timeout_is_a_missing_reply_not_a_vote()
    {
        var tally = new VoteTally(Cohort(4), attempt: 1);
        tally.Add(new Vote("v1", 1, X, 5));
        tally.Add(new Vote("v2", 1, X, 5));
        Assert.Equal(VoteReceipt.Counted, tally.AddTimeout("v3"));
        Assert.Equal(VoteReceipt.Duplicate, tally.AddTimeout("v3"));
        Assert.Equal(VoteReceipt.AlreadyReplied, tally.Add(new Vote("v3", 1, X, 5)));
        Assert.Equal(VoteReceipt.AlreadyReplied, tally.AddTimeout("v1"));
        Assert.Equal(VoteReceipt.NotInCohort, tally.AddTimeout("stranger"));
        Assert.Equal(TallyStatus.Pending, tally.Status);

        tally.AddTimeout("v4");
        Assert.Equal(TallyStatus.Disagreement, tally.Status);
    }

    [Fact]
    public void A_deterministic_trap_digest_is_agreed_like_any_result()
    {
        var trap = Digest(0xEE);
        var tally = new VoteTally(Cohort(3), attempt: 1);
        foreach (var member in Cohort(3))
        {
            tally.Add(new Vote(member, 1, trap, 1_000_000_000));
        }
        Assert.Equal(trap, tally.Outcome!.Digest);
    }

    [Fact]
    public void Closing_turns_silent_members_into_timeouts()
    {
        var tally = new VoteTally(Cohort(3), attempt: 1);
        tally.Add(new Vote("v1", 1, X, 5));
        Assert.Equal(TallyStatus.Disagreement, tally.Close());
        Assert.Equal(MemberConduct.Inconclusive, tally.Conduct()["v1"]);
        Assert.Equal(MemberConduct.TimedOut, tally.Conduct()["v2"]);
    }

    [Fact]
    public void The_decision_is_final_and_conduct_follows_it()
    {
        var tally = new VoteTally(Cohort(4), attempt: 1);
        tally.Add(new Vote("v1", 1, X, 5));
        tally.Add(new Vote("v2", 1, X, 5));
        tally.Add(new Vote("v3", 1, X, 5));
        Assert.Equal(TallyStatus.Accepted, tally.Status);
        tally.Add(new Vote("v4", 1, Y, 5));
        tally.Add(new Vote("v1", 1, Y, 5));

        Assert.Equal(TallyStatus.Accepted, tally.Status);
        Assert.Equal(X, tally.Outcome!.Digest);
        var conduct = tally.Conduct();
        Assert.Equal(MemberConduct.Equivocated, conduct["v1"]);
        Assert.Equal(MemberConduct.Agreed, conduct["v2"]);
        Assert.Equal(MemberConduct.Dissented, conduct["v4"]);
    }

    [Fact]
    public void The_decision_does_not_depend_on_arrival_order()
    {
        var votes = new[]
        {
            new Vote("v1", 1, X, 5), new Vote("v2", 1, Y, 5), new Vote("v3", 1, X, 5),
            new Vote("v4", 1, X, 5), new Vote("v5", 1, X, 5),
        };
        var orders = new[] { new[] { 0, 1, 2, 3, 4 }, new[] { 4, 3, 2, 1, 0 }, new[] { 1, 3, 0, 4, 2 } };
        foreach (var order in orders)
        {
            var tally = new VoteTally(Cohort(5), attempt: 1);
            foreach (var i in order)
            {
                tally.Add(votes[i]);
            }
            Assert.Equal(X, tally.Outcome!.Digest);
            Assert.Equal(MemberConduct.Dissented, tally.Conduct()["v2"]);
        }
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new VoteTally([], 1));
        Assert.Throws<ArgumentException>(() => new VoteTally(["a", "a"], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoteTally(["a"], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vote("a", 1, X, -1));
        Assert.Throws<ArgumentException>(() => new Vote("", 1, X, 1));
    }
}
