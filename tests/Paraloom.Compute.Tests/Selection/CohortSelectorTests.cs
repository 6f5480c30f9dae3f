using Paraloom.Compute.Selection;

namespace Paraloom.Compute.Tests.Selection;

public class CohortSelectorTests
{
    private static readonly CohortSelector Exact = new(new SelectionOptions { TieBand = 0 });

    private static ValidatorView V(string id, string silo = "s", int inFlight = 0, int capacity = 4, int reputation = 500) =>
        new(id, silo, inFlight, capacity, reputation);

    [Fact]
    public void Picks_k_distinct_validators_by_score()
    {
        var view = new[]
        {
            V("idle-trusted", "s1", 0, 4, 900), V("busy", "s2", 3, 4, 500), V("idle", "s3", 0, 4, 500),
            V("half", "s4", 2, 4, 900),
        };
        var cohort = Exact.Select(view, 3);
        Assert.Equal(["idle-trusted", "idle", "half"], cohort.ToArray());
    }

    [Fact]
    public void Never_selects_below_the_gate_or_at_full_capacity()
    {
        var view = new[] { V("low", reputation: 199), V("full", inFlight: 4), V("ok1"), V("ok2") };
        for (var i = 0; i < 20; i++)
        {
            var cohort = new CohortSelector().Select(view, 2);
            Assert.Equal(["ok1", "ok2"], cohort.Order());
        }
        // Three pass the gate, one of them busy: the cohort of 3 only has to wait.
        var busy = Assert.Throws<InsufficientValidatorsException>(() => new CohortSelector().Select(view, 3));
        Assert.Equal((2, 3, true), (busy.Eligible, busy.AboveGate, busy.OnlyBusy));
        Assert.Contains("needs 3 validators with free capacity", busy.Message);

        // Four never pass the gate together: waiting would not help.
        var tooFew = Assert.Throws<InsufficientValidatorsException>(() => new CohortSelector().Select(view, 4));
        Assert.False(tooFew.OnlyBusy);
        Assert.Contains("only 3 pass the reputation gate", tooFew.Message);
    }

    [Fact]
    public void Prefers_distinct_silos_over_a_better_score()
    {
        var view = new[] { V("a1", "a", reputation: 900), V("a2", "a", reputation: 900), V("b1", "b", reputation: 300) };
        var cohort = Exact.Select(view, 2);
        Assert.Contains("b1", cohort);
    }

    [Fact]
    public void Shares_a_silo_only_when_there_are_too_few_silos()
    {
        var view = new[] { V("a1", "a"), V("a2", "a"), V("b1", "b") };
        Assert.Equal(["a1", "a2", "b1"], Exact.Select(view, 3).Order());
    }

    [Fact]
    public void Excludes_the_failed_cohort_where_possible()
    {
        var view = new[] { V("a", reputation: 900), V("b", reputation: 900), V("c", reputation: 300), V("d", reputation: 300) };
        Assert.Equal(["c", "d"], Exact.Select(view, 2, exclude: ["a", "b"]).Order());

        var topUp = Exact.Select(view, 3, exclude: ["a", "b"]);
        Assert.Equal(3, topUp.Length);
        Assert.Contains("c", topUp);
        Assert.Contains("d", topUp);
    }

    [Fact]
    public void Suspects_come_last_even_after_the_failed_cohort()
    {
        // The suspect scores best (its penalty not yet applied); the honest members of the failed cohort still go first.
        var view = new[] { V("suspect", reputation: 900), V("b", reputation: 400), V("c", reputation: 400), V("fresh", reputation: 300) };
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(["b", "c", "fresh"], new CohortSelector().Select(view, 3, exclude: ["suspect", "b", "c"], suspects: ["suspect"]).Order());
        }

        var shortHanded = Exact.Select(view, 4, exclude: ["suspect", "b", "c"], suspects: ["suspect"]);
        Assert.Equal(["b", "c", "fresh", "suspect"], shortHanded.Order());
        Assert.Equal("suspect", shortHanded[^1]);
    }

    [Fact]
    public void Near_equal_scores_are_picked_at_random()
    {
        var view = new[] { V("a", "s1", reputation: 500), V("b", "s2", reputation: 510), V("c", "s3", reputation: 100) };
        var selector = new CohortSelector(new SelectionOptions { TieBand = 0.05, MinimumReputation = 0 });
        var firstPicks = Enumerable.Range(0, 200).Select(_ => selector.Select(view, 1)[0]).ToHashSet();
        Assert.Equal(["a", "b"], firstPicks.Order());
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Exact.Select([V("a"), V("a")], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exact.Select([V("a")], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => V("a", capacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => V("a", inFlight: -1));
        Assert.Throws<ArgumentException>(() => V("", "s"));
    }
}
