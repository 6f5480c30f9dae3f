using Paraloom.Compute.Agreement;

namespace Paraloom.Compute.Selection;

/// <summary>
/// Reputation is an integer in [<see cref="Min"/>, <see cref="Max"/>]; a new validator starts at
/// <see cref="Initial"/>. It rises slowly and falls fast: one dissent costs what five agreements earn,
/// and provable misbehaviour (equivocation, a forged signature, a signed vote outside its cohort) costs half the initial reputation, so a
/// second offence takes a validator below the default selection gate of 200. A validator below the gate (demoted by
/// an outage of its silo, say) recovers <see cref="RecoveryStep"/> per fault-free recovery period, up to the gate.
/// </summary>
public static class Reputation
{
    public const int Min = 0;
    public const int Max = 1000;
    public const int Initial = 500;

    public const int AgreedDelta = 5;
    public const int DissentedDelta = -25;
    public const int TimedOutDelta = -10;
    public const int EquivocatedDelta = -250;
    public const int InvalidSignatureDelta = -250;
    public const int VotedOutsideCohortDelta = -250;

    /// <summary>What a validator below the selection gate regains for each recovery period without a new fault.</summary>
    public const int RecoveryStep = 10;

    /// <summary>The delta for a conduct. A timeout costs less than a dissent: it may be the machine's fault.</summary>
    public static int DeltaFor(MemberConduct conduct) => conduct switch
    {
        MemberConduct.Agreed => AgreedDelta,
        MemberConduct.Dissented => DissentedDelta,
        MemberConduct.Inconclusive => 0,
        MemberConduct.TimedOut => TimedOutDelta,
        MemberConduct.Equivocated => EquivocatedDelta,
        MemberConduct.InvalidSignature => InvalidSignatureDelta,
        MemberConduct.VotedOutsideCohort => VotedOutsideCohortDelta,
        _ => throw new ArgumentOutOfRangeException(nameof(conduct), conduct, "Unknown member conduct."),
    };

    /// <summary>
    /// The reputation of a validator below <paramref name="gate"/> after <paramref name="periods"/> recovery periods
    /// without a fault: <see cref="RecoveryStep"/> more for each, never above the gate. Time alone brings a validator
    /// back to where it may be picked again, never further: above the gate only agreement earns reputation.
    /// </summary>
    public static int Recover(int current, int gate, long periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        return current >= gate ? current : (int)Math.Min(gate, current + Math.Min(periods, Max) * RecoveryStep);
    }

    /// <summary>The reputation after <paramref name="conduct"/>, clamped to the range.</summary>
    public static int Apply(int current, MemberConduct conduct) =>
        Math.Clamp(Math.Clamp(current, Min, Max) + DeltaFor(conduct), Min, Max);
}
