using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// One requester's share of the cluster (key: its public key, hex), which its jobs claim and give back, and its latest
/// jobs. Called only by job grains, each about itself, and by the requester's account (<see cref="StepOwners"/>); one activation in the cluster, so the counts hold across
/// silos and transports.
/// </summary>
[Alias("paraloom.requester")]
internal interface IRequesterGrain : IGrainWithStringKey
{
    /// <summary>Admits a job before anything of it is stored; admitting it again does nothing.</summary>
    /// <exception cref="RequesterLimitException">The requester is at its jobs, queued jobs or stored bytes limit.</exception>
    [Alias("admit")]
    Task AdmitAsync(RequesterClaim claim);

    /// <summary>The job that waited got its first cohort: it no longer counts as queued.</summary>
    [Alias("assigned")]
    Task AssignedAsync(string jobId);

    /// <summary>The job is final: it no longer counts as in progress; its bytes stay stored until it is forgotten.</summary>
    [Alias("finished")]
    Task FinishedAsync(string jobId);

    /// <summary>A job whose submission failed after its admission: it gives back everything it claimed.</summary>
    [Alias("withdraw")]
    Task WithdrawAsync(string jobId);

    /// <summary>A final job's retention ended: its bytes left the store, and it leaves the recent jobs. Called at most once per job.</summary>
    [Alias("forgotten")]
    Task ForgottenAsync(string jobId, long storedBytes);

    /// <summary>
    /// The ids of the requester's latest jobs still stored, oldest first (at most <see cref="RequesterState.RecentJobs"/>);
    /// asked only by the requester's own account, which checks the owner's signature first.
    /// </summary>
    [Alias("recent-jobs")]
    Task<IReadOnlyList<string>> RecentJobsAsync();

    /// <summary>Opens a watch on one of its jobs for at most <paramref name="longest"/>; returns the watch's lease.</summary>
    /// <exception cref="RequesterLimitException">The requester's jobs have as many watches open as it may have.</exception>
    [Alias("open-watch")]
    Task<Guid> OpenWatchAsync(string jobId, TimeSpan longest);

    [Alias("close-watch")]
    Task CloseWatchAsync(Guid lease);
}
