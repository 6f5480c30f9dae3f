using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Paraloom.Silo.Tests;

/// <summary>How a silo chooses its clustering and membership timings from configuration.</summary>
public sealed class ClusteringConfigurationTests
{
    private const string PostgreSql = "Host=127.0.0.1;Username=postgres;Database=paraloom";

    [Fact]
    public void PostgreSql_state_means_a_PostgreSql_cluster_unless_clustering_says_otherwise()
    {
        Assert.Equal(ClusteringKind.Localhost, new SiloOptions().EffectiveClustering);
        Assert.Equal(ClusteringKind.PostgreSql, new SiloOptions { PostgreSqlConnectionString = PostgreSql }.EffectiveClustering);
        Assert.Equal(ClusteringKind.Localhost,
            new SiloOptions { PostgreSqlConnectionString = PostgreSql, Clustering = ClusteringKind.Localhost }.EffectiveClustering);
    }

    [Theory]
    [InlineData("Clustering", "PostgreSqlConnectionString")]
    [InlineData("AdvertisedAddress", "must be an IP address")]
    [InlineData("Membership:ProbeTimeout", "must be positive")]
    [InlineData("Membership:MissedProbesLimit", "at least 1")]
    [InlineData("Membership:VotesForDeath", "at least 1")]
    public void A_clustering_setting_that_cannot_work_fails_with_its_name(string setting, string why)
    {
        var options = new SiloOptions();
        switch (setting)
        {
            case "Clustering": options.Clustering = ClusteringKind.PostgreSql; break;
            case "AdvertisedAddress": options.AdvertisedAddress = "silo.example"; break;
            case "Membership:ProbeTimeout": options.Membership.ProbeTimeout = TimeSpan.Zero; break;
            case "Membership:MissedProbesLimit": options.Membership.MissedProbesLimit = 0; break;
            default: options.Membership.VotesForDeath = 0; break;
        }

        var failure = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Paraloom:" + setting, failure.Message);
        Assert.Contains(why, failure.Message);
    }

    [Fact]
    public async Task Membership_timings_reach_Orleans_with_fast_defaults_and_configured_values()
    {
        await using var defaults = SiloHost.Create(["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption]);
        await using var configured = SiloHost.Create(
            ["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption, "--Paraloom:Membership:ProbeTimeout=00:00:03", "--Paraloom:Membership:MissedProbesLimit=4"]);

        var fast = defaults.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var slow = configured.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(1), 2, 2), (fast.ProbeTimeout, fast.NumMissedProbesLimit, fast.NumVotesForDeathDeclaration));
        Assert.Equal((TimeSpan.FromSeconds(3), 4), (slow.ProbeTimeout, slow.NumMissedProbesLimit));
    }
}
