using Orleans;
using Orleans.Concurrency;

namespace Paraloom.Grains;

/// <summary>
/// A large job input kept apart from the job's state (key: job id): written once at submission and read when the
/// job dispatches, so the job's every transition does not write it again. Small inputs stay in the job's state.
/// </summary>
[Alias("paraloom.job-input")]
internal interface IJobInputGrain : IGrainWithStringKey
{
    /// <summary>Stores the input once; storing again changes nothing. The caller never changes the bytes it passes.</summary>
    [Alias("store")]
    Task StoreAsync([Immutable] byte[] input);

    [Alias("read")]
    Task<byte[]> ReadAsync();

    [Alias("remove")]
    Task RemoveAsync();
}
