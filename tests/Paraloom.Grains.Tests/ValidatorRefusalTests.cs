using System.Security.Cryptography;
using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>A validator checks a private job before anything runs; a refusal is reported, never voted.</summary>
public sealed class ValidatorRefusalTests
{
    [Fact]
    public async Task AnInputOtherThanTheCommittedOneIsRefusedByEveryMemberAndTheJobIsRejectedWithNothingRun()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.AttemptGrace = TimeSpan.FromSeconds(4));
        using var counters = new ValidatorCounters(cluster);
        var echo = Repository.Program("echo");
        var limits = new ResourceLimits { WallClock = TimeSpan.FromSeconds(1) };
        // The proof is over the committed input, so the service accepts the job; only the cohort can see the swap.
        var dishonest = CommitToOneSealAnother("swapped", echo, committed: "salary=100"u8, sealedInstead: "salary=999"u8, cluster.Requester);
        await cluster.Job("swapped").SubmitAsync(JobSubmission.Confidential("swapped", echo, cluster.Requester, dishonest, limits));

        var final = await cluster.WaitFinalAsync("swapped");

        Assert.Equal(JobState.Rejected, final.State);
        Assert.Equal(1, final.Attempt);
        Assert.Contains("input commitment", final.Reason);
        Assert.DoesNotContain("999", final.Reason);
        Assert.Equal(0, final.VotesReceived);
        Assert.Equal(0, counters.Executions);
        Assert.Equal(3, counters.Refusals);
        // The fault is the requester's: once the attempt has closed, no member was penalised for not voting.
        await Eventually.ReachesAsync(
            () => cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("swapped", 1)).GetSnapshotAsync(),
            snapshot => snapshot.Closed, "the attempt closes at its deadline");
        foreach (var member in final.Cohort)
        {
            Assert.Equal(Reputation.Initial, await cluster.ReputationOfAsync(member.ValidatorId));
        }
    }

    [Fact]
    public async Task AnAssignmentWhoseOwnershipProofIsForgedIsRefusedBeforeTheEngineRuns()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        using var counters = new ValidatorCounters(cluster);
        var echo = Repository.Program("echo");
        // The same validator runs an honest job, so the counter demonstrably counts executions.
        await cluster.SubmitPublicAsync("honest", echo, [1]);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("honest")).State);
        Assert.Equal(3, counters.Executions);

        // A coordinator forwards a job under the requester's commitment and key with a proof made for another job.
        var genuine = PrivateJobInput.Seal("forged", echo, [7], cluster.Requester);
        var otherJob = PrivateJobInput.Seal("other-job", echo, [7], cluster.Requester);
        var envelope = new PrivateEnvelope(genuine.SealedInput, genuine.InputCommitment, cluster.Requester.PublicKey, otherJob.OwnershipProof);
        var job = JobSpec.Private(JobId.Parse("forged"), echo, envelope);
        var context = new PrivateJobContext("forged", SHA256.HashData(echo), genuine.InputCommitment, cluster.Requester.PublicKey, genuine.Nonce);
        var validatorId = cluster.IdOf("validator-1");
        var wrapped = context.WrapKeyFor(cluster.Requester, [new CohortMember(validatorId, cluster.ValidatorKey(validatorId).PublicKey)]);

        Assert.Equal(AssignmentReceipt.Accepted, await cluster.Validator(validatorId).ExecuteAsync(new Assignment(job, StatementOf(cluster, genuine), 1, [validatorId], wrapped[validatorId])));

        await Eventually.ReachesAsync(() => Task.FromResult(counters.Refusals), refusals => refusals == 1, "the validator refuses the assignment");
        await Eventually.ReachesAsync(
            async () => (await cluster.Validator(validatorId).GetInfoAsync()).InFlight, inFlight => inFlight == 0, "the refused assignment frees its slot");
        Assert.Equal(3, counters.Executions);
    }

    [Fact]
    public async Task AnAssignmentThatIsNotTheJobItsRequesterSignedIsRefusedBeforeTheEngineRuns()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        using var counters = new ValidatorCounters(cluster);
        var sum = Repository.Program("sum");
        var signed = JobSubmission.Public("rewritten", sum, ProgramInputs.Numbers(1, 2), cluster.Requester).Statement;
        using var stranger = SecretKey.Generate();
        var validatorId = cluster.IdOf("validator-1");
        var validator = cluster.Validator(validatorId);
        Assignment[] forgeries =
        [
            // A coordinator changes the input the requester signed…
            new(JobSpec.Public(JobId.Parse("rewritten"), sum, ProgramInputs.Numbers(1, 3)), signed, 1, [validatorId]),
            // …or its limits… (each its own attempt: a member runs one assignment per attempt)
            new(JobSpec.Public(JobId.Parse("rewritten"), sum, ProgramInputs.Numbers(1, 2), new ResourceLimits { Fuel = 5 }), signed, 2, [validatorId]),
            // …or states the job itself, in the requester's name, with a key of its own.
            new(JobSpec.Public(JobId.Parse("rewritten"), sum, ProgramInputs.Numbers(1, 3)),
                new SignedJobStatement(JobSubmission.Public("rewritten", sum, ProgramInputs.Numbers(1, 3), stranger).Statement.Statement, signed.Signature), 3, [validatorId]),
        ];
        foreach (var forgery in forgeries)
        {
            Assert.Equal(AssignmentReceipt.Accepted, await validator.ExecuteAsync(forgery));
        }

        await Eventually.ReachesAsync(() => Task.FromResult(counters.Refusals), refusals => refusals == forgeries.Length, "the validator refuses each assignment");
        Assert.Equal(0, counters.Executions);
    }

    private static SignedJobStatement StatementOf(ComputeCluster cluster, PrivateJobInput input) =>
        JobSubmission.Confidential("forged", Repository.Program("echo"), cluster.Requester, input).Statement;

    /// <summary>A dishonest requester: commits to (and proves) one input, seals another under the same blinding.</summary>
    private static PrivateJobInput CommitToOneSealAnother(
        string jobId, byte[] module, ReadOnlySpan<byte> committed, ReadOnlySpan<byte> sealedInstead, SecretKey requester)
    {
        var value = CommitmentValue.OfData(committed);
        var blinding = Blinding.Random();
        var commitment = PedersenCommitment.Commit(value, blinding);
        using var jobKey = JobKey.CreateNew(requester, out var nonce);
        using var handOutKey = KeyHandOut.DeriveSigningKey(requester, nonce);
        var context = PrivateJobContext.ForModule(jobId, module, commitment, requester.PublicKey, nonce);
        return new PrivateJobInput(
            commitment,
            CommittedInput.Seal(jobKey, context.Binding, blinding, sealedInstead),
            nonce,
            OwnershipProof.Create(requester, value, blinding, context.OwnershipContext),
            handOutKey.PublicKey,
            KeyHandOut.Delegate(requester, jobId, handOutKey.PublicKey));
    }
}
