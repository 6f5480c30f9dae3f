using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// Two silos, three validators each, sharing one store: a validator lives only on the silo holding its key, cohorts
/// spread over both silos, and once a silo is gone its validators are offline, neither selected nor activated on the
/// silo that remains.
/// </summary>
public sealed class ValidatorPlacementTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-placement-").FullName;
    private InProcessTestCluster _cluster = null!;

    private IValidatorRegistryGrain Registry => _cluster.Client.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    public async Task InitializeAsync()
    {
        var store = TestStores.Sqlite(_directory);
        // Once, before both silos start: two silos creating the schema of a fresh store at once would race.
        await SchemaMigrator.MigrateAsync(store);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.UseParaloomStore(store);
            // Notice a killed silo within seconds, as a deployed cluster does.
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
            });
            silo.AddParaloomCompute(compute =>
            {
                compute.LocalValidators.SiloId = options.SiloName;
                TestNetwork.OpenNetwork(compute);
                TestNetwork.Admit(compute);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await Eventually.ReachesAsync(Registry.GetValidatorsAsync, validators => validators.Count == 6, "both silos' validators register");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task EachValidatorRunsOnTheSiloHoldingItsKeyAndCohortsSpanBothSilos()
    {
        foreach (var silo in _cluster.Silos)
        {
            foreach (var validatorId in KeyRing(silo).ValidatorIds)
            {
                // The info comes from the activation: its silo id says where the validator runs.
                var info = await _cluster.Client.GetGrain<IValidatorGrain>(validatorId).GetInfoAsync();
                Assert.Equal(silo.Name, info.SiloId);
            }
        }
        var siloOf = (await Registry.GetValidatorsAsync()).ToDictionary(validator => validator.ValidatorId, validator => validator.SiloId);
        for (var job = 0; job < 10; job++)
        {
            var selection = await Registry.SelectCohortAsync($"spread-{job}", 2, [], [], TimeSpan.FromMinutes(1));
            Assert.Equal(2, selection.Cohort.Select(member => siloOf[member.ValidatorId]).Distinct().Count());
            await Registry.ReleaseAsync($"spread-{job}", null);
        }
    }

    [Fact]
    public async Task ValidatorsOfASiloThatIsGoneAreOfflineAndNeverActivatedElsewhere()
    {
        var survivor = _cluster.Silos[0];
        var gone = _cluster.Silos[1];
        var goneValidators = KeyRing(gone).ValidatorIds.ToList();
        var remaining = KeyRing(survivor).ValidatorIds.ToHashSet();

        await _cluster.KillSiloAsync(gone);

        var listed = await Eventually.ReachesAsync(
            Registry.GetValidatorsAsync, validators => validators.Count == 3, "the killed silo's validators go offline");
        Assert.All(listed, validator => Assert.Contains(validator.ValidatorId, remaining));
        foreach (var validatorId in goneValidators)
        {
            await Assert.ThrowsAsync<ValidatorOfflineException>(() => _cluster.Client.GetGrain<IValidatorGrain>(validatorId).GetInfoAsync());
        }
        var cohort = await Registry.SelectCohortAsync("after-the-crash", 3, [], [], TimeSpan.FromMinutes(1));
        Assert.All(cohort.Cohort, member => Assert.Contains(member.ValidatorId, remaining));
        await Registry.ReleaseAsync("after-the-crash", null);
        Assert.False((await Registry.SelectCohortAsync("too-large", 4, [], [], TimeSpan.FromMinutes(1))).Found);
    }

    private static IValidatorKeyRing KeyRing(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IValidatorKeyRing>();
}
