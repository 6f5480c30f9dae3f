using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Grains.Tests;

/// <summary>
/// The registry applies the network authority's revocations, and only the authority's: a revoked validator is dropped at
/// once, never selected, and refused when it registers again; anything else is refused with nothing stored.
/// </summary>
public sealed class ValidatorRevocationTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private readonly ComputeCluster _cluster = shared.Cluster;

    [Fact]
    public async Task A_revoked_validator_is_dropped_never_selected_and_refused_when_it_registers_again()
    {
        var profile = (await _cluster.Registry.GetValidatorsAsync())[0].Profile;
        using var key = SecretKey.Generate();
        var id = ValidatorIdentity.FromPublicKey(key.PublicKey);
        var now = DateTimeOffset.UtcNow;
        // The best reputation there is and no load: selection by score alone would pick it first.
        var validator = new ValidatorInfo(id, "silo-revoked", key.PublicKey, 4, 0, Reputation.Max, profile,
            ValidatorCertificate.Issue(TestNetwork.Authority, key.PublicKey, "silo-revoked", profile, now.AddHours(-1), now.AddDays(1)));
        await _cluster.Registry.RegisterAsync(validator, _cluster.SiloAddress);
        Assert.Contains(await _cluster.Registry.GetValidatorsAsync(), listed => listed.ValidatorId == id);
        // Effective only from tomorrow: the registry stops selecting it at once all the same.
        var revocation = ValidatorRevocation.Issue(TestNetwork.Authority, key.PublicKey, now.AddDays(1), "key compromised").ToBytes();

        Assert.True(await _cluster.Registry.RevokeAsync(revocation));
        Assert.False(await _cluster.Registry.RevokeAsync(revocation));

        Assert.DoesNotContain(await _cluster.Registry.GetValidatorsAsync(), listed => listed.ValidatorId == id);
        var refused = await Assert.ThrowsAsync<ValidatorNotAdmittedException>(() => _cluster.Registry.RegisterAsync(validator, _cluster.SiloAddress));
        Assert.Contains("revoked it", refused.Problem);
        Assert.Contains("key compromised", refused.Problem);
        Assert.DoesNotContain(await _cluster.Registry.GetValidatorsAsync(), listed => listed.ValidatorId == id);
        for (var i = 0; i < 3; i++)
        {
            await _cluster.SubmitPublicAsync($"after-revocation-{i}", Repository.Program("sum"), ProgramInputs.Numbers((uint)i, 1));
            var final = await _cluster.WaitFinalAsync($"after-revocation-{i}");
            Assert.Equal(JobState.Finalised, final.State);
            Assert.DoesNotContain(final.Cohort, member => member.ValidatorId == id);
        }
    }

    [Fact]
    public async Task A_revocation_of_another_authority_or_a_malformed_one_is_refused_and_revokes_nothing()
    {
        var listed = (await _cluster.Registry.GetValidatorsAsync())[0];
        using var stranger = SecretKey.Generate();
        var foreign = ValidatorRevocation.Issue(stranger, listed.PublicKey, DateTimeOffset.UnixEpoch, "not yours").ToBytes();
        byte[] forged = [.. foreign];
        TestNetwork.Authority.PublicKey.ToBytes().CopyTo(forged, 1);

        var byStranger = await Assert.ThrowsAsync<InvalidRevocationException>(() => _cluster.Registry.RevokeAsync(foreign));
        var unsigned = await Assert.ThrowsAsync<InvalidRevocationException>(() => _cluster.Registry.RevokeAsync(forged));
        var malformed = await Assert.ThrowsAsync<InvalidRevocationException>(() => _cluster.Registry.RevokeAsync([.. foreign, 0]));

        Assert.Contains("another authority", byStranger.Message);
        Assert.Contains("does not verify", unsigned.Message);
        Assert.Contains("past its end", malformed.Message);
        Assert.Contains(await _cluster.Registry.GetValidatorsAsync(), validator => validator.ValidatorId == listed.ValidatorId);
    }
}
