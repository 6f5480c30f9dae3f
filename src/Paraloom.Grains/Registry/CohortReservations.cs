namespace Paraloom.Grains;

/// <summary>
/// The validators each job's current attempt has been given but not yet sent its work to. A reservation counts
/// as one execution on each of its members until the job releases it (the member got the assignment, or the
/// attempt ended for any reason) or its lease runs out, so a cohort that never runs cannot hold capacity forever.
/// Soft state: after a restart the jobs select again and the validators report their load.
/// </summary>
internal sealed class CohortReservations
{
    // Job id → the members still reserved and when the lease ends. One attempt per job is ever open.
    private readonly Dictionary<string, (HashSet<string> Members, DateTimeOffset ExpiresAt)> _byJob = new(StringComparer.Ordinal);

    /// <summary>Reserves <paramref name="members"/> for the job, replacing what an earlier attempt of it held.</summary>
    public void Reserve(string jobId, IEnumerable<string> members, DateTimeOffset expiresAt) =>
        _byJob[jobId] = (members.ToHashSet(StringComparer.Ordinal), expiresAt);

    /// <summary>Releases one member of the job's reservation, or all of it when <paramref name="validatorId"/> is null.</summary>
    /// <returns>Whether anything was released.</returns>
    public bool Release(string jobId, string? validatorId)
    {
        if (!_byJob.TryGetValue(jobId, out var reservation))
        {
            return false;
        }
        if (validatorId is null)
        {
            return _byJob.Remove(jobId);
        }
        var released = reservation.Members.Remove(validatorId);
        if (reservation.Members.Count == 0)
        {
            _byJob.Remove(jobId);
        }
        return released;
    }

    /// <summary>Ends every lease due at <paramref name="now"/>.</summary>
    /// <returns>Whether any lease ended.</returns>
    public bool Expire(DateTimeOffset now)
    {
        var due = _byJob.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList();
        foreach (var jobId in due)
        {
            _byJob.Remove(jobId);
        }
        return due.Count > 0;
    }

    /// <summary>How many jobs hold a slot of <paramref name="validatorId"/>.</summary>
    public int Held(string validatorId) => _byJob.Values.Count(reservation => reservation.Members.Contains(validatorId));
}
