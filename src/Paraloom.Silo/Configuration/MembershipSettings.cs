namespace Paraloom.Silo;

/// <summary>
/// How fast a cluster notices a silo that is gone (<c>Paraloom:Membership</c>): each silo probes a few others, and a
/// silo that misses <see cref="MissedProbesLimit"/> probes of <see cref="ProbeTimeout"/> each is suspected; once
/// <see cref="VotesForDeath"/> silos suspect it (or every other silo, in a smaller cluster), it is declared dead,
/// its grains are activated elsewhere and its validators are offline. The defaults detect a killed or hung silo
/// in about 2 s instead of Orleans' default of about 11 s: a silo process answers a probe in milliseconds, so a
/// second without an answer means it is gone or stuck, and every second counts as jobs wait on it.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>How long one probe may take before it counts as missed (default 1 s; Orleans' own default is 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row before a silo suspects the one it probes (default 2; Orleans' own is 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Silos that must suspect a silo before it is declared dead (default 2, Orleans' own): one silo with a bad link
    /// cannot evict a healthy one on its own.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate(string section)
    {
        if (ProbeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{section}:ProbeTimeout must be positive.");
        }
        if (MissedProbesLimit < 1)
        {
            throw new InvalidOperationException($"{section}:MissedProbesLimit must be at least 1 (it is {MissedProbesLimit}).");
        }
        if (VotesForDeath < 1)
        {
            throw new InvalidOperationException($"{section}:VotesForDeath must be at least 1 (it is {VotesForDeath}).");
        }
    }
}
