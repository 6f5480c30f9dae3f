using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Counts one requester's jobs in progress, queued jobs and stored bytes (stored, so a restart forgets nothing) and its
/// open watches (in memory, each a lease that lapses after its longest wait, so a watch whose silo died frees its place).
/// Refusals come before the job stores anything.
/// </summary>
[GrainType("requester")]
internal sealed class RequesterGrain(
    [PersistentState("requester")] IPersistentState<RequesterState> state,
    IOptions<ComputeOptions> options,
    TimeProvider time) : Grain, IRequesterGrain
{
    /// <summary>Beyond a watch's longest wait, before its lease lapses: room for a close call in flight.</summary>
    private static readonly TimeSpan LeaseSlack = TimeSpan.FromSeconds(30);

    private readonly Dictionary<Guid, DateTimeOffset> _watches = [];

    private RequesterLimits Limits => options.Value.RequesterLimits;

    private RequesterState Stored => state.State;

    private long StoredBytes => Stored.RetainedBytes + Stored.Active.Values.Sum(job => job.StoredBytes);

    public async Task AdmitAsync(RequesterClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (Stored.Active.ContainsKey(claim.JobId))
        {
            return;
        }
        if (Stored.Active.Count >= Limits.Jobs)
        {
            throw new RequesterLimitException(RequesterLimitException.TooManyJobs,
                $"The requester has {Stored.Active.Count} jobs in progress, as many as it may: submit again when one is final.");
        }
        if (claim.Queued && Stored.Active.Values.Count(job => job.Queued) >= Limits.QueuedJobs)
        {
            throw new RequesterLimitException(RequesterLimitException.TooManyQueuedJobs,
                $"Every validator is busy and the requester already has {Limits.QueuedJobs} jobs waiting for one: submit again later.");
        }
        if (StoredBytes + claim.StoredBytes > Limits.StoredBytes)
        {
            throw new RequesterLimitException(RequesterLimitException.StorageQuotaExceeded,
                $"The requester's jobs store {StoredBytes} bytes; this one's {claim.StoredBytes} more would pass its quota of " +
                $"{Limits.StoredBytes}. Jobs leave the store when their retention ends.");
        }
        Stored.Active[claim.JobId] = new ActiveJob(claim.StoredBytes, claim.Queued);
        Stored.Recent.Remove(claim.JobId);
        Stored.Recent.Add(claim.JobId);
        if (Stored.Recent.Count > RequesterState.RecentJobs)
        {
            Stored.Recent.RemoveAt(0);
        }
        await state.WriteStateAsync();
    }

    public async Task AssignedAsync(string jobId)
    {
        if (Stored.Active.TryGetValue(jobId, out var job) && job.Queued)
        {
            Stored.Active[jobId] = job with { Queued = false };
            await state.WriteStateAsync();
        }
    }

    public async Task FinishedAsync(string jobId)
    {
        if (Stored.Active.Remove(jobId, out var job))
        {
            Stored.RetainedBytes += job.StoredBytes;
            await state.WriteStateAsync();
        }
    }

    public async Task WithdrawAsync(string jobId)
    {
        if (Stored.Active.Remove(jobId))
        {
            Stored.Recent.Remove(jobId);
            await state.WriteStateAsync();
        }
    }

    public async Task ForgottenAsync(string jobId, long storedBytes)
    {
        Stored.RetainedBytes = Math.Max(0, Stored.RetainedBytes - storedBytes);
        Stored.Recent.Remove(jobId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> RecentJobsAsync() => Task.FromResult<IReadOnlyList<string>>([.. Stored.Recent]);

    public Task<Guid> OpenWatchAsync(string jobId, TimeSpan longest)
    {
        var now = time.GetUtcNow();
        foreach (var lapsed in _watches.Where(watch => watch.Value <= now).Select(watch => watch.Key).ToList())
        {
            _watches.Remove(lapsed);
        }
        if (_watches.Count >= Limits.Watches)
        {
            throw new RequesterLimitException(RequesterLimitException.TooManyWatches,
                $"The requester's jobs have {_watches.Count} watches open, as many as they may: close one, or poll.");
        }
        var lease = Guid.NewGuid();
        _watches[lease] = now + longest + LeaseSlack;
        return Task.FromResult(lease);
    }

    public Task CloseWatchAsync(Guid lease)
    {
        _watches.Remove(lease);
        return Task.CompletedTask;
    }
}
