using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// The steps that move an account's credits, each applied once however often it is sent: a job holds, releases and settles
/// only its own hold (keyed by the job id), and a payer's account sends earnings numbered per recipient, which the
/// recipient applies in order and once (<see cref="StepOwners"/>).
/// </summary>
[Alias("paraloom.account-ledger")]
internal interface IAccountLedger : IGrainWithStringKey
{
    /// <summary>Sets the job's most it may cost aside; holding it again does nothing.</summary>
    /// <exception cref="InsufficientCreditsException">The account cannot cover it; nothing changed.</exception>
    [Alias("hold")]
    Task HoldAsync(AccountHold hold);

    /// <summary>A submission that failed after its hold: the hold goes back whole. Releasing a hold that is gone does nothing.</summary>
    [Alias("release")]
    Task ReleaseAsync(string jobId);

    /// <summary>The job ended: its charge is taken from its hold, the rest given back, the earnings sent. Once per job.</summary>
    [Alias("settle")]
    Task SettleAsync(AccountSettlement settlement);

    /// <summary>A validator's share of a job its cohort agreed on, from the payer's account; applied once per payer and number.</summary>
    [Alias("earn")]
    Task EarnAsync(AccountEarning earning);
}
