using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Grains.Tests;

/// <summary>Cohorts are chosen within one execution profile, and job status names it.</summary>
public sealed class ExecutionProfileTests
{
    [Fact]
    public async Task ACohortNeverMixesProfilesEvenWhenAnotherProfilesValidatorsScoreBetter()
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: 3);
        var local = await cluster.Registry.GetValidatorsAsync();
        var profile = Assert.Single(local.Select(validator => validator.Profile).Distinct());
        Assert.StartsWith("wasmtime/", profile);
        // Two idle validators of another engine build with the best reputation there is: selection by score alone
        // would put them in the cohort.
        using var firstKey = SecretKey.Generate();
        using var secondKey = SecretKey.Generate();
        foreach (var (id, key) in new[] { ("other-1", firstKey), ("other-2", secondKey) })
        {
            // Registered from a silo of the cluster, so they count as online.
            await cluster.Registry.RegisterAsync(
                new ValidatorInfo(id, "silo-elsewhere", key.PublicKey, 4, 0, Reputation.Max, "wasmtime/49.0.0/x64/00"), cluster.SiloAddress);
        }

        await cluster.SubmitPublicAsync("profiled", Repository.Program("sum"), ProgramInputs.Numbers(1, 2));
        var final = await cluster.WaitFinalAsync("profiled");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(profile, final.Profile);
        Assert.Equal(local.Select(validator => validator.ValidatorId).Order(), final.Cohort.Select(member => member.ValidatorId).Order());
    }
}
