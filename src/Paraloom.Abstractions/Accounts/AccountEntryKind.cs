using Orleans;

namespace Paraloom.Grains;

/// <summary>What an entry of an account's history did to it.</summary>
[GenerateSerializer, Alias("paraloom.account-entry-kind")]
public enum AccountEntryKind
{
    /// <summary>Credits granted by the network authority (or, on an open network, to a newcomer).</summary>
    Grant,

    /// <summary>Credits set aside for a submitted job: the most it may cost.</summary>
    Hold,

    /// <summary>What a job that ended cost, taken from its hold.</summary>
    Charge,

    /// <summary>The rest of a job's hold, given back.</summary>
    Refund,

    /// <summary>A validator's share of a job its cohort agreed on.</summary>
    Earning,
}
