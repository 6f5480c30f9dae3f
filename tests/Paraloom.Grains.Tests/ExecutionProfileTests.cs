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
        const string otherProfile = "wasmtime/49.0.0/x64/00";
        foreach (var key in new[] { firstKey, secondKey })
        {
            // Admitted for their own profile, and registered from a silo of the cluster, so they count as online.
            var certificate = ValidatorCertificate.Issue(
                TestNetwork.Authority, key.PublicKey, "silo-elsewhere", otherProfile, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
            await cluster.Registry.RegisterAsync(
                new ValidatorInfo(ValidatorIdentity.FromPublicKey(key.PublicKey), "silo-elsewhere", key.PublicKey, 4, 0, Reputation.Max,
                    otherProfile, certificate), cluster.SiloAddress);
        }

        await cluster.SubmitPublicAsync("profiled", Repository.Program("sum"), ProgramInputs.Numbers(1, 2));
        var final = await cluster.WaitFinalAsync("profiled");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(profile, final.Profile);
        Assert.Equal(local.Select(validator => validator.ValidatorId).Order(), final.Cohort.Select(member => member.ValidatorId).Order());
    }
}
