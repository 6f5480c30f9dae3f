using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>Runs on one cluster shared by the class: job ids differ, and reputation is compared with its value before.</summary>
public sealed class SubmissionTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task HostileOrOversizedSubmissionsAreRefusedAndNothingIsStored()
    {
        var cluster = shared.Cluster;
        var sum = Repository.Program("sum");
        var cases = new (string JobId, JobSubmission Submission, SubmissionError Error)[]
        {
            ("bad-bytes", JobSubmission.Public("bad-bytes", [0x00, 0x61, 0x73, 0x6D, 0x09], [], cluster.Requester), SubmissionError.InvalidModule),
            ("imports", JobSubmission.Public("imports", WasmModules.WithImport(), [], cluster.Requester), SubmissionError.HasImports),
            ("fuel-cap", JobSubmission.Public("fuel-cap", sum, [], cluster.Requester, new ResourceLimits { Fuel = 20_000_000_000 }), SubmissionError.AboveCap),
            // One or two validators are no BFT cohort: below the network minimum of 3.
            ("k-one", JobSubmission.Public("k-one", sum, [], cluster.Requester, replication: 1), SubmissionError.BelowMinimum),
            ("k-two", JobSubmission.Public("k-two", sum, [], cluster.Requester, replication: 2), SubmissionError.BelowMinimum),
            ("k-four", JobSubmission.Public("k-four", sum, [], cluster.Requester, replication: 4), SubmissionError.NoValidators),
        };
        foreach (var (jobId, submission, error) in cases)
        {
            var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.Job(jobId).SubmitAsync(submission));
            Assert.Equal(error, refused.Error);
            await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job(jobId).GetStatusAsync());
        }
        var invalidId = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            cluster.Job("no/slashes").SubmitAsync(JobSubmission.Public("slashes", sum, [], cluster.Requester)));
        Assert.Equal(SubmissionError.InvalidJobId, invalidId.Error);
    }

    [Fact]
    public async Task ForgedOwnershipProofsAreRefusedAtSubmission()
    {
        var cluster = shared.Cluster;
        var echo = Repository.Program("echo");
        using var thief = SecretKey.Generate();
        // A proof made for another job id, and the requester's proof presented under the thief's key.
        var otherJob = PrivateJobInput.Seal("other-job", echo, [1], cluster.Requester);
        var genuine = PrivateJobInput.Seal("forged", echo, [1], cluster.Requester);
        JobSubmission[] forgeries =
        [
            JobSubmission.Confidential("forged", echo, cluster.Requester, otherJob),
            JobSubmission.Confidential("forged", echo, thief, genuine),
            JobSubmission.Confidential("forged", Repository.Program("sum"), cluster.Requester, genuine),
        ];
        foreach (var forgery in forgeries)
        {
            var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.Job("forged").SubmitAsync(forgery));
            Assert.Equal(SubmissionError.InvalidOwnershipProof, refused.Error);
        }
        await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("forged").GetStatusAsync());
    }

    [Fact]
    public async Task AJobIsTakenOnlyWithItsRequestersUnexpiredSignatureOverExactlyThatJob()
    {
        var cluster = shared.Cluster;
        var sum = Repository.Program("sum");
        var echo = Repository.Program("echo");
        using var squatter = SecretKey.Generate();
        // The squatter states the victim's job in the victim's name, but can sign it only with its own key.
        var victims = JobStatement.ForPublic(
            JobId.Parse("stated"), sum, [], cluster.Requester.PublicKey, ResourceLimits.Default, 3, DateTimeOffset.UtcNow.AddHours(1));
        var squatted = JobSubmission.Public(new SignedJobStatement(victims, squatter.Sign(victims.Hash())), sum, []);
        var genuine = JobSubmission.Public("stated", sum, [], cluster.Requester);
        var sealedInput = PrivateJobInput.Seal("stated", echo, [1], cluster.Requester);
        var otherNonce = JobStatement.ForPrivate(
            JobId.Parse("stated"), echo, sealedInput.InputCommitment, JobNonce.FromBytes(new byte[JobNonce.Size]), cluster.Requester.PublicKey,
            ResourceLimits.Default, 3, DateTimeOffset.UtcNow.AddHours(1)).Sign(cluster.Requester);
        var cases = new (string Case, JobSubmission Submission, SubmissionError Error)[]
        {
            ("squatted", squatted, SubmissionError.InvalidStatement),
            ("another module", JobSubmission.Public(genuine.Statement, echo, []), SubmissionError.InvalidStatement),
            ("another input", JobSubmission.Public(genuine.Statement, sum, [1]), SubmissionError.InvalidStatement),
            ("another job's statement", JobSubmission.Public(JobSubmission.Public("other", sum, [], cluster.Requester).Statement, sum, []),
                SubmissionError.InvalidStatement),
            ("another nonce", JobSubmission.Confidential(otherNonce, echo, sealedInput), SubmissionError.InvalidStatement),
            ("expired", JobSubmission.Public("stated", sum, [], cluster.Requester, validity: TimeSpan.FromSeconds(-1)), SubmissionError.StatementExpired),
            ("outliving retention", JobSubmission.Public("stated", sum, [], cluster.Requester, validity: TimeSpan.FromDays(30)),
                SubmissionError.StatementExpired),
        };
        foreach (var (name, submission, error) in cases)
        {
            var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.Job("stated").SubmitAsync(submission));
            Assert.True(error == refused.Error, $"{name}: {refused.Error}");
            await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("stated").GetStatusAsync());
        }

        // The squatter never took the id: the requester's own statement still submits it.
        await cluster.Job("stated").SubmitAsync(genuine);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("stated")).State);
    }

    [Fact]
    public async Task AJobIdIsSubmittedOnce()
    {
        var cluster = shared.Cluster;
        await cluster.SubmitPublicAsync("once", Repository.Program("sum"), ProgramInputs.Numbers(1));
        var again = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            cluster.SubmitPublicAsync("once", Repository.Program("sum"), ProgramInputs.Numbers(2)));
        Assert.Equal(SubmissionError.AlreadySubmitted, again.Error);
        Assert.Equal(Digests.Ok(ProgramInputs.Sum(1)), (await cluster.WaitFinalAsync("once")).Digest);
    }

    [Fact]
    public async Task KeysAreTakenOnlyForTheCurrentAttemptAndExactlyItsCohort()
    {
        var cluster = shared.Cluster;
        var status = await cluster.SubmitPrivateAsync("keys", Repository.Program("echo"), [9]);
        var context = status.Privacy!;
        var later = context.HandOut(cluster.Requester, 2, status.Cohort);
        var partial = context.HandOut(cluster.Requester, 1, status.Cohort.Skip(1));
        var handOut = context.HandOut(cluster.Requester, 1, status.Cohort);

        await Assert.ThrowsAsync<KeyDeliveryException>(() => cluster.Job("keys").DeliverKeysAsync(2, later.WrappedKeys, later.Signature));
        await Assert.ThrowsAsync<KeyDeliveryException>(() => cluster.Job("keys").DeliverKeysAsync(1, partial.WrappedKeys, partial.Signature));
        Assert.Equal(JobState.AwaitingKeys, (await cluster.Job("keys").GetStatusAsync()).State);

        await cluster.Job("keys").DeliverKeysAsync(1, handOut.WrappedKeys, handOut.Signature);
        // The attempt has its keys: a second hand-out is refused, not silently taken.
        await Assert.ThrowsAsync<KeyDeliveryException>(() => cluster.Job("keys").DeliverKeysAsync(1, handOut.WrappedKeys, handOut.Signature));
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("keys")).State);
    }

    [Fact]
    public async Task AHandOutNotSignedWithTheJobsHandOutKeyChangesNothing()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        var status = await cluster.SubmitPrivateAsync("signed", Repository.Program("echo"), [9]);
        var context = status.Privacy!;
        var genuine = context.HandOut(cluster.Requester, 1, status.Cohort);
        using var stranger = SecretKey.Generate();
        // Garbage keys signed by a stranger; the genuine keys under the requester's own key (not the hand-out key);
        // the genuine signature over other keys.
        var garbage = status.Cohort.ToDictionary(member => member.ValidatorId, _ => genuine.WrappedKeys.Values.First(), StringComparer.Ordinal);
        var forgeries = new (IReadOnlyDictionary<string, WrappedJobKey> Keys, SchnorrSignature Signature)[]
        {
            (garbage, KeyHandOut.Sign(stranger, "signed", 1, garbage)),
            (genuine.WrappedKeys, KeyHandOut.Sign(cluster.Requester, "signed", 1, genuine.WrappedKeys)),
            (garbage, genuine.Signature),
        };

        foreach (var (keys, signature) in forgeries)
        {
            await Assert.ThrowsAsync<KeyHandOutDeniedException>(() => cluster.Job("signed").DeliverKeysAsync(1, keys, signature));
        }
        Assert.Equal(JobState.AwaitingKeys, (await cluster.Job("signed").GetStatusAsync()).State);

        await cluster.Job("signed").DeliverKeysAsync(1, genuine.WrappedKeys, genuine.Signature);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("signed")).State);
        Assert.Equal([9], (await cluster.FetchResultAsync("signed")).Decrypt(cluster.Requester));
    }

    [Fact]
    public async Task APrivateSubmissionWhoseHandOutKeyTheRequesterDidNotDelegateIsRefused()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        var echo = Repository.Program("echo");
        var sealedInput = PrivateJobInput.Seal("undelegated", echo, [1], cluster.Requester);
        using var intruder = SecretKey.Generate();
        var swapped = sealedInput with { HandOutKey = intruder.PublicKey };

        var refused = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            cluster.Job("undelegated").SubmitAsync(JobSubmission.Confidential("undelegated", echo, cluster.Requester, swapped)));

        Assert.Equal(SubmissionError.InvalidOwnershipProof, refused.Error);
        await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("undelegated").GetStatusAsync());
    }

    [Fact]
    public async Task APrivateJobWhoseKeysNeverComeIsRejectedCleanly()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            configure: options => options.KeyHandOutTimeout = TimeSpan.FromMilliseconds(300));
        await cluster.SubmitPrivateAsync("no-keys", Repository.Program("echo"), [9]);

        var status = await Eventually.ReachesAsync(
            () => cluster.Job("no-keys").GetStatusAsync(), status => status.IsFinal, "the job without keys ends");

        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("did not hand out the job key", status.Reason);
    }
}
