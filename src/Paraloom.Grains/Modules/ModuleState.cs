namespace Paraloom.Grains;

/// <summary>A stored module: written once, never changed (its key is its hash).</summary>
internal sealed class ModuleState
{
    public byte[] Bytes { get; set; } = [];
}

/// <summary>
/// How many stored jobs use a module (it is removed once none does), and the last few that were counted, so a
/// submission retried after a crash is not counted twice. Its size does not grow with the jobs that used the module.
/// </summary>
internal sealed class ModuleUsers
{
    /// <summary>How many counted jobs are remembered: a retried submission follows its first try closely.</summary>
    public const int RememberedJobs = 16;

    public int Count { get; set; }

    /// <summary>The job ids counted last, oldest first.</summary>
    public List<string> Recent { get; set; } = [];

    /// <summary>Every user's id, as stored before users were counted: counted on activation.</summary>
    public HashSet<string>? JobIds { get; set; }
}
