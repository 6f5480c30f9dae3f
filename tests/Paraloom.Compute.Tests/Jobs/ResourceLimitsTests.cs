namespace Paraloom.Compute.Tests.Jobs;

public class ResourceLimitsTests
{
    [Fact]
    public void Defaults_follow_the_design()
    {
        var limits = ResourceLimits.Default;
        Assert.Equal(64L * 1024 * 1024, limits.MemoryBytes);
        Assert.Equal(1024, limits.MemoryPages);
        Assert.Equal(1_000_000_000, limits.Fuel);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.WallClock);
        Assert.Equal(TimeSpan.FromSeconds(300), limits.DistributionTimeout);
    }

    [Fact]
    public void Invalid_values_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { MemoryBytes = 1000 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { MemoryBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { Fuel = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { WallClock = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { DistributionTimeout = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceLimits { MaxOutputBytes = -1 });
    }

    [Fact]
    public void Network_caps_accept_the_defaults()
    {
        var job = JobSpec.Public(JobId.New(), [0, 97, 115, 109], [1, 2, 3]);
        NetworkCaps.Default.EnsureAllows(job);
    }

    [Fact]
    public void Network_caps_reject_larger_jobs_naming_the_limit()
    {
        var caps = new NetworkCaps { MaxFuel = 1000, MaxReplication = 5, MaxInputBytes = 2 };

        var fuel = Assert.Throws<JobRejectedException>(() => caps.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1], new ResourceLimits { Fuel = 1001 })));
        Assert.Contains("fuel of 1001", fuel.Message);
        Assert.Contains("cap of 1000", fuel.Message);

        var replication = Assert.Throws<JobRejectedException>(() => caps.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1], new ResourceLimits { Fuel = 10 }, replication: 6)));
        Assert.Contains("replication", replication.Message);

        var input = Assert.Throws<JobRejectedException>(() => caps.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1, 2, 3], new ResourceLimits { Fuel = 10 })));
        Assert.Contains("input size", input.Message);

        var memory = Assert.Throws<JobRejectedException>(() => NetworkCaps.Default.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1], new ResourceLimits { MemoryBytes = 512L * 1024 * 1024 })));
        Assert.Contains("memory", memory.Message);

        var wall = Assert.Throws<JobRejectedException>(() => NetworkCaps.Default.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1], new ResourceLimits { WallClock = TimeSpan.FromHours(1) })));
        Assert.Contains("wall-clock", wall.Message);
    }

    [Fact]
    public void Network_caps_refuse_a_replication_below_the_minimum_of_a_bft_cohort()
    {
        var single = Assert.Throws<JobRejectedException>(() => NetworkCaps.Default.EnsureAllows(
            JobSpec.Public(JobId.New(), [1], [1], replication: 1)));
        Assert.Contains("replication of 1 validators is below the network minimum of 3", single.Message);
        Assert.Equal(AdmissionFailure.BelowMinimum, single.Failure);

        NetworkCaps.Default.EnsureAllows(JobSpec.Public(JobId.New(), [1], [1], replication: 3));
        new NetworkCaps { MinReplication = 1 }.EnsureAllows(JobSpec.Public(JobId.New(), [1], [1], replication: 1));
    }
}
