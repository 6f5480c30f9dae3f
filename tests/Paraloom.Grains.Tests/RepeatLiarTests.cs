using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A validator that signs a wrong result in every cohort it joins, under random cohort selection: each cohort it
/// spoils is retried, the later agreement marks it a dissenter, and once below the gate it is never picked again.
/// Its forged output has the honest length, so for a private job (sealed per attempt) only the output fingerprint,
/// or the honest members' sealed bytes beside the fingerprint it claims, can give it away; a liar that signs another
/// note beside the honest output is given away by the note, which is the same in every attempt.
/// </summary>
public sealed class RepeatLiarTests
{
    private const string Liar = "validator-1";

    // Three dissents take a validator from 500 to 425, below this gate; the honest ones only gain.
    private const int Gate = 450;

    [Theory]
    [InlineData(false, ValidatorConduct.WrongDigest)]
    [InlineData(true, ValidatorConduct.WrongDigest)]
    [InlineData(true, ValidatorConduct.WrongFingerprint)]
    [InlineData(true, ValidatorConduct.WrongNote)]
    public async Task ARepeatLiarIsPenalisedForEveryCohortItSpoilsAndLosesItsPlace(bool isPrivate, ValidatorConduct lie)
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 5, conduct: new Dictionary<string, ValidatorConduct> { [Liar] = lie },
            configure: options =>
            {
                options.AttemptGrace = TimeSpan.FromSeconds(3);
                // Any eligible validator may be picked: the cohorts are random, not ranked.
                options.Selection = new SelectionOptions { TieBand = 1, MinimumReputation = Gate };
            });
        var honest = new List<JobStatus>();
        for (var job = 0; job < 30 && await cluster.ReputationOfAsync(Liar) >= Gate; job++)
        {
            honest.Add(await RunAsync(cluster, $"job-{job}", isPrivate));
        }
        var liarReputation = await cluster.ReputationOfAsync(Liar);
        var afterwards = new List<JobStatus>();
        for (var job = 0; job < 3; job++)
        {
            afterwards.Add(await RunAsync(cluster, $"after-{job}", isPrivate));
        }

        Assert.True(liarReputation < Gate, $"the liar kept {liarReputation} after {honest.Count} jobs");
        Assert.Contains(honest, status => status.State == JobState.Finalised && status.Attempt > 1);
        Assert.All(afterwards, status =>
        {
            Assert.Equal((JobState.Finalised, 1), (status.State, status.Attempt));
            Assert.DoesNotContain(status.Cohort, member => member.ValidatorId == cluster.IdOf(Liar));
        });
        foreach (var validator in await cluster.Registry.GetValidatorsAsync())
        {
            Assert.True(validator.ValidatorId == cluster.IdOf(Liar) || validator.Reputation >= Reputation.Initial,
                $"{validator.ValidatorId} was penalised: {validator.Reputation}");
        }
    }

    /// <summary>Runs one job to its end; a finalised one must hold the honest sum, whoever was in its cohorts.</summary>
    private static async Task<JobStatus> RunAsync(ComputeCluster cluster, string jobId, bool isPrivate)
    {
        var input = ProgramInputs.Numbers(20, 22);
        if (isPrivate)
        {
            await cluster.SubmitPrivateAsync(jobId, Repository.Program("sum"), input);
        }
        else
        {
            await cluster.SubmitPublicAsync(jobId, Repository.Program("sum"), input);
        }
        var final = await cluster.WaitFinalAsync(jobId);
        if (final.State == JobState.Finalised)
        {
            var result = await cluster.FetchResultAsync(jobId);
            Assert.Equal(ProgramInputs.Sum(20, 22), isPrivate ? result.Decrypt(cluster.Requester) : result.Output.ToArray());
        }
        // Penalties for earlier attempts are applied before the job is final, so the next job's selection sees them.
        return final;
    }
}
