using Paraloom.Compute.Agreement;
using Paraloom.Compute.Selection;

namespace Paraloom.Compute.Tests.Selection;

public class ReputationTests
{
    [Fact]
    public void Agreement_gains_and_misbehaviour_loses_most_for_equivocation()
    {
        Assert.Equal(505, Reputation.Apply(Reputation.Initial, MemberConduct.Agreed));
        Assert.Equal(475, Reputation.Apply(Reputation.Initial, MemberConduct.Dissented));
        Assert.Equal(490, Reputation.Apply(Reputation.Initial, MemberConduct.TimedOut));
        Assert.Equal(500, Reputation.Apply(Reputation.Initial, MemberConduct.Inconclusive));
        Assert.Equal(250, Reputation.Apply(Reputation.Initial, MemberConduct.Equivocated));
        Assert.Equal(250, Reputation.Apply(Reputation.Initial, MemberConduct.InvalidSignature));
        Assert.True(Reputation.EquivocatedDelta < Reputation.DissentedDelta);
        Assert.True(Reputation.DissentedDelta < Reputation.TimedOutDelta);
    }

    [Fact]
    public void Reputation_is_clamped_to_its_range()
    {
        Assert.Equal(Reputation.Max, Reputation.Apply(998, MemberConduct.Agreed));
        Assert.Equal(Reputation.Min, Reputation.Apply(100, MemberConduct.Equivocated));
        Assert.Equal(Reputation.Max, Reputation.Apply(5000, MemberConduct.Agreed));
    }

    [Fact]
    public void Two_equivocations_drop_a_new_validator_below_the_default_gate()
    {
        var reputation = Reputation.Apply(Reputation.Apply(Reputation.Initial, MemberConduct.Equivocated), MemberConduct.Equivocated);
        Assert.True(reputation < SelectionOptions.Default.MinimumReputation);
    }

    [Fact]
    public void Recovery_below_the_gate_earns_a_step_per_period_and_stops_at_the_gate()
    {
        Assert.Equal(0, Reputation.Recover(0, 200, 0));
        Assert.Equal(3 * Reputation.RecoveryStep, Reputation.Recover(0, 200, 3));
        Assert.Equal(200, Reputation.Recover(195, 200, 1));
        Assert.Equal(200, Reputation.Recover(0, 200, long.MaxValue));
        // Time never raises a validator at or above the gate: only agreement does.
        Assert.Equal(200, Reputation.Recover(200, 200, 10));
        Assert.Equal(700, Reputation.Recover(700, 200, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reputation.Recover(0, 200, -1));
    }
}
