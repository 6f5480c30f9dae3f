namespace Paraloom.Compute;

/// <summary>
/// The network-wide ceiling on what one job may ask for, and the floor on its replication. A job outside them is refused at submission
/// with a <see cref="JobRejectedException"/> that names the limit, the request and the cap.
/// </summary>
public sealed record NetworkCaps
{
    public static NetworkCaps Default { get; } = new();

    public long MaxMemoryBytes { get; init => field = Guard.Positive(value, nameof(MaxMemoryBytes)); } = 256L * 1024 * 1024;

    public long MaxFuel { get; init => field = Guard.Positive(value, nameof(MaxFuel)); } = 10_000_000_000;

    public TimeSpan MaxWallClock { get; init => field = Guard.Positive(value, nameof(MaxWallClock)); } = TimeSpan.FromMinutes(2);

    public TimeSpan MaxDistributionTimeout
    {
        get;
        init => field = Guard.Positive(value, nameof(MaxDistributionTimeout));
    } = TimeSpan.FromMinutes(30);

    public int MaxOutputBytes { get; init => field = Guard.Positive(value, nameof(MaxOutputBytes)); } = 16 * 1024 * 1024;

    public int MaxModuleBytes { get; init => field = Guard.Positive(value, nameof(MaxModuleBytes)); } = 1024 * 1024;

    public int MaxInputBytes { get; init => field = Guard.Positive(value, nameof(MaxInputBytes)); } = 64 * 1024 * 1024;

    public int MaxReplication { get; init => field = Guard.Positive(value, nameof(MaxReplication)); } = 15;

    /// <summary>
    /// The smallest K the network accepts (default 3): fewer validators cannot outvote a liar, and a single one
    /// is no BFT cohort at all.
    /// </summary>
    public int MinReplication { get; init => field = Guard.Positive(value, nameof(MinReplication)); } = 3;

    /// <summary>Throws <see cref="JobRejectedException"/> when the job asks for more than a cap allows.</summary>
    public void EnsureAllows(JobSpec job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var limits = job.Limits;
        Check("memory", limits.MemoryBytes, MaxMemoryBytes, "bytes");
        Check("fuel", limits.Fuel, MaxFuel, "units");
        Check("wall-clock timeout", limits.WallClock.TotalMilliseconds, MaxWallClock.TotalMilliseconds, "ms");
        Check("distribution timeout", limits.DistributionTimeout.TotalMilliseconds, MaxDistributionTimeout.TotalMilliseconds, "ms");
        Check("output size", limits.MaxOutputBytes, MaxOutputBytes, "bytes");
        Check("module size", job.Module.Length, MaxModuleBytes, "bytes");
        Check("input size", job.InputLength, MaxInputBytes, "bytes");
        Check("replication", job.Replication, MaxReplication, "validators");
        if (job.Replication < MinReplication)
        {
            throw new JobRejectedException(AdmissionFailure.BelowMinimum,
                $"The job's replication of {job.Replication} validators is below the network minimum of {MinReplication} validators.");
        }
    }

    private static void Check(string what, double requested, double cap, string unit)
    {
        if (requested > cap)
        {
            throw new JobRejectedException(AdmissionFailure.AboveCap, $"The job's {what} of {requested} {unit} is above the network cap of {cap} {unit}.");
        }
    }
}
