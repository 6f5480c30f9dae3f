using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// The job keys a client keeps of the private jobs it submitted, in memory only, until it sees each job end (or is
/// disposed): with them, waiting on such a job hands out its key without the requester's secret.
/// </summary>
internal sealed class JobKeyKeeper : IDisposable
{
    private readonly Dictionary<string, KeptJobKeys> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keeps <paramref name="keys"/> for <paramref name="jobId"/>; a public job's (null) is nothing to keep.</summary>
    public void Keep(string jobId, KeptJobKeys? keys)
    {
        if (keys is null)
        {
            return;
        }
        lock (_lock)
        {
            if (!_keys.TryAdd(jobId, keys))
            {
                keys.Dispose();
            }
        }
    }

    /// <summary>
    /// Signs under the lock, so a concurrent <see cref="Forget"/> cannot zero the keys mid-use. The hand-out binds the
    /// job's facts the client kept (nonce, commitment, module), whatever the silo's status said of them.
    /// </summary>
    /// <exception cref="InvalidOperationException">This client kept no key of the job.</exception>
    public SignedKeyHandOut HandOut(string jobId, int attempt, IReadOnlyList<CohortMember> cohort)
    {
        lock (_lock)
        {
            return _keys.TryGetValue(jobId, out var keys)
                ? keys.Context.HandOut(keys.JobKey, keys.HandOutKey, attempt, cohort)
                : throw new InvalidOperationException(
                    $"Job '{jobId}' awaits the key hand-out and was not submitted by this client: wait with the requester's secret key.");
        }
    }

    /// <summary>Zeroes and drops the job's keys: it ended and needs no further hand-out.</summary>
    public void Forget(string jobId)
    {
        lock (_lock)
        {
            if (_keys.Remove(jobId, out var keys))
            {
                keys.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var keys in _keys.Values)
            {
                keys.Dispose();
            }
            _keys.Clear();
        }
    }
}
