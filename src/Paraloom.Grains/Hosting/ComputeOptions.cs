using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>The compute service's settings: caps, agreement, selection, fees, timeouts and local validators.</summary>
public sealed class ComputeOptions
{
    public NetworkCaps Caps { get; set; } = NetworkCaps.Default;

    public AgreementOptions Agreement { get; set; } = AgreementOptions.Default;

    public SelectionOptions Selection { get; set; } = SelectionOptions.Default;

    public FeeOptions Fees { get; set; } = FeeOptions.Default;

    /// <summary>How long a private job waits for the requester to hand the key to a new cohort (default 2 min).</summary>
    public TimeSpan KeyHandOutTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Added to the job's wall-clock limit to give one attempt's deadline (default 30 s): room for queueing,
    /// key unwrapping, sealing and the votes' trip to the quorum.
    /// </summary>
    public TimeSpan AttemptGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a job's durable reminder checks its deadlines (default 5 s): the timeouts' precision.</summary>
    public TimeSpan DeadlineCheckPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a final job (its state, result and its attempts' votes) is kept before it is removed (default 7 days).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a result challenge may be used (default 2 min).</summary>
    public TimeSpan ResultChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a validator below the selection gate must go without a new fault to regain
    /// <see cref="Compute.Selection.Reputation.RecoveryStep"/>, up to the gate (default 1 h): a validator demoted by an
    /// outage of its silo comes back on its own.
    /// </summary>
    public TimeSpan ReputationRecoveryPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The network authority's public key (required): the registry admits only validators whose certificates verify
    /// under it, and only while they are valid.
    /// </summary>
    public PublicKey? NetworkAuthority { get; set; }

    /// <summary>What one requester key may hold at once across the cluster: jobs, queued jobs, watches, stored bytes.</summary>
    public RequesterLimits RequesterLimits { get; set; } = new();

    /// <summary>The validators this silo hosts.</summary>
    public LocalValidatorOptions LocalValidators { get; set; } = new();
}
