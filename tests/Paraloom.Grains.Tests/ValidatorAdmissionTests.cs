using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Grains.Tests;

/// <summary>
/// The registry admits only validators the network authority certified, for their own key and profile, while the
/// certificate is valid: every other registration is refused, and the refused validator is never listed or selected.
/// </summary>
public sealed class ValidatorAdmissionTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private readonly ComputeCluster _cluster = shared.Cluster;

    public static TheoryData<string> Refusals => ["none", "foreign authority", "expired", "not yet valid", "another key", "another profile", "another id"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_validator_without_a_certificate_that_admits_it_is_refused_and_never_selected(string flaw)
    {
        var profile = (await _cluster.Registry.GetValidatorsAsync())[0].Profile;
        using var key = SecretKey.Generate();
        using var foreign = SecretKey.Generate();
        using var other = SecretKey.Generate();
        var now = DateTimeOffset.UtcNow;
        var id = ValidatorIdentity.FromPublicKey(key.PublicKey);
        ValidatorCertificate Issue(SecretKey authority, PublicKey certified, string forProfile, DateTimeOffset from, DateTimeOffset to) =>
            ValidatorCertificate.Issue(authority, certified, "intruder", forProfile, from, to);
        var (claimedId, certificate) = flaw switch
        {
            "none" => (id, null),
            "foreign authority" => (id, Issue(foreign, key.PublicKey, profile, now.AddHours(-1), now.AddDays(1))),
            "expired" => (id, Issue(TestNetwork.Authority, key.PublicKey, profile, now.AddDays(-2), now.AddDays(-1))),
            "not yet valid" => (id, Issue(TestNetwork.Authority, key.PublicKey, profile, now.AddDays(1), now.AddDays(2))),
            "another key" => (id, Issue(TestNetwork.Authority, other.PublicKey, profile, now.AddHours(-1), now.AddDays(1))),
            "another profile" => (id, Issue(TestNetwork.Authority, key.PublicKey, "wasmtime/0.0.0/x64/00", now.AddHours(-1), now.AddDays(1))),
            _ => ("v-chosen-id", Issue(TestNetwork.Authority, key.PublicKey, profile, now.AddHours(-1), now.AddDays(1))),
        };
        // The intruder has the best reputation there is and no load: selection by score alone would pick it.
        var intruder = new ValidatorInfo(claimedId, "silo-intruder", key.PublicKey, 4, 0, Reputation.Max, profile, certificate);

        var refused = await Assert.ThrowsAsync<ValidatorNotAdmittedException>(() => _cluster.Registry.RegisterAsync(intruder, _cluster.SiloAddress));

        Assert.Equal(claimedId, refused.ValidatorId);
        Assert.DoesNotContain(await _cluster.Registry.GetValidatorsAsync(), validator => validator.ValidatorId == claimedId);
        var jobId = $"admission-{flaw.Replace(' ', '-')}";
        await _cluster.SubmitPublicAsync(jobId, Repository.Program("sum"), ProgramInputs.Numbers(1, 2));
        var final = await _cluster.WaitFinalAsync(jobId);
        Assert.Equal(JobState.Finalised, final.State);
        Assert.DoesNotContain(final.Cohort, member => member.ValidatorId == claimedId);
    }

    [Fact]
    public async Task A_cohort_carries_its_members_certificates_in_order_and_each_verifies_under_the_authority()
    {
        await _cluster.SubmitPublicAsync("certified-cohort", Repository.Program("sum"), ProgramInputs.Numbers(3, 4));
        var final = await _cluster.WaitFinalAsync("certified-cohort");

        Assert.Equal(final.Cohort.Count, final.Certificates.Count);
        foreach (var (member, certificate) in final.Cohort.Zip(final.Certificates))
        {
            Assert.Equal(member.ValidatorId, certificate.ValidatorId);
            Assert.Equal(member.PublicKey, certificate.ValidatorKey);
            Assert.Equal(final.Profile, certificate.Profile);
            Assert.Null(certificate.ProblemUnder(TestNetwork.Authority.PublicKey, DateTimeOffset.UtcNow));
        }
    }

    [Fact]
    public async Task A_validator_whose_certificate_expires_is_not_selected_from_then_on()
    {
        var profile = (await _cluster.Registry.GetValidatorsAsync())[0].Profile;
        using var key = SecretKey.Generate();
        var id = ValidatorIdentity.FromPublicKey(key.PublicKey);
        var now = DateTimeOffset.UtcNow;
        var shortLived = ValidatorCertificate.Issue(TestNetwork.Authority, key.PublicKey, "silo-brief", profile, now.AddHours(-1), now.AddSeconds(2));

        await _cluster.Registry.RegisterAsync(new ValidatorInfo(id, "silo-brief", key.PublicKey, 4, 0, Reputation.Max, profile, shortLived), _cluster.SiloAddress);

        Assert.Contains(await _cluster.Registry.GetValidatorsAsync(), validator => validator.ValidatorId == id);
        await Eventually.ReachesAsync(_cluster.Registry.GetValidatorsAsync, validators => validators.All(validator => validator.ValidatorId != id),
            "the validator drops out once its certificate expires");
    }
}
