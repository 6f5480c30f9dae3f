using Orleans;
using Orleans.Concurrency;

namespace Paraloom.Grains;

/// <summary>
/// One validator (key: validator id), hosted only on a silo that holds its secret key. It runs assignments
/// on the execution scheduler, signs its vote with its own key and sends it to the attempt's quorum.
/// </summary>
[Alias("paraloom.validator")]
public interface IValidatorGrain : IGrainWithStringKey
{
    /// <summary>Load, reputation and public key; activating the validator registers it with the registry.</summary>
    /// <exception cref="UnknownValidatorException">This silo holds no key for the validator.</exception>
    [Alias("info")]
    Task<ValidatorInfo> GetInfoAsync();

    /// <summary>
    /// Starts running <paramref name="assignment"/> and returns at once; the vote goes to the quorum when done.
    /// A private assignment runs only if its ownership proof verifies, its wrapped key and sealed input open, and
    /// the input commitment opens to the input; otherwise the quorum gets an <see cref="AssignmentRefusal"/>.
    /// </summary>
    [Alias("execute")]
    Task<AssignmentReceipt> ExecuteAsync(Assignment assignment);

    /// <summary>Sends the validator's current load to the registry (a registry that restarted asks every validator).</summary>
    [OneWay]
    [Alias("report-load")]
    Task ReportLoadAsync();

    /// <summary>Applies how the validator behaved in one attempt; the same outcome applied twice counts once.</summary>
    [Alias("apply-reputation")]
    Task ApplyReputationAsync(ReputationOutcome outcome);
}
