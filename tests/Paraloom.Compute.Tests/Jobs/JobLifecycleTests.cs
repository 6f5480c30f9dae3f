using System.Text.Json;

namespace Paraloom.Compute.Tests.Jobs;

public class JobLifecycleTests
{
    private static readonly ResultDigest Digest = ResultDigest.FromBytes(new byte[32]);

    [Fact]
    public void A_public_job_runs_submitted_to_finalised()
    {
        var job = JobLifecycle.Submitted(isPrivate: false)
            .Assign(["a", "b", "c"])
            .StartExecuting()
            .RecordVotes(2)
            .RecordVotes(3)
            .Finalise(Digest, 1234);

        Assert.Equal(JobState.Finalised, job.State);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(Digest, job.Digest);
        Assert.Equal(1234, job.FuelUsed);
        Assert.Equal(3, job.VotesReceived);
        Assert.True(job.IsTerminal);
    }

    [Fact]
    public void A_private_job_passes_through_key_hand_out_and_retries_with_the_next_attempt()
    {
        var job = JobLifecycle.Submitted(isPrivate: true).Assign(["a", "b", "c"]);
        Assert.Throws<InvalidOperationException>(() => job.StartExecuting());

        job = job.AwaitKeys().DeliverKeys().StartExecuting().Retry("no agreement");
        Assert.Equal(JobState.Retrying, job.State);
        Assert.Equal("no agreement", job.Reason);

        job = job.Assign(["d", "e", "f"]);
        Assert.Equal(2, job.Attempt);
        Assert.Equal(["d", "e", "f"], job.Cohort.ToArray());
        Assert.Null(job.Reason);
        Assert.Equal(JobState.AwaitingKeys, job.AwaitKeys().State);
    }

    [Fact]
    public void Illegal_transitions_throw_with_a_clear_message()
    {
        var submitted = JobLifecycle.Submitted(isPrivate: false);
        var error = Assert.Throws<InvalidOperationException>(() => submitted.StartExecuting());
        Assert.Equal("A job cannot move from Submitted to Executing.", error.Message);

        Assert.Throws<InvalidOperationException>(() => submitted.Finalise(Digest, 1));
        Assert.Throws<InvalidOperationException>(() => submitted.Retry("x"));
        Assert.Throws<InvalidOperationException>(() => submitted.DeliverKeys());
        Assert.Throws<InvalidOperationException>(() => submitted.RecordVotes(1));

        var assigned = submitted.Assign(["a"]);
        Assert.Throws<InvalidOperationException>(() => assigned.AwaitKeys());
        Assert.Throws<InvalidOperationException>(() => assigned.Assign(["b"]));
        Assert.Throws<InvalidOperationException>(() => assigned.StartExecuting().StartExecuting());

        var rejected = assigned.Reject("distribution timeout");
        Assert.Throws<InvalidOperationException>(() => rejected.Assign(["b"]));
        Assert.Throws<InvalidOperationException>(() => rejected.Reject("again"));
        var finalised = assigned.StartExecuting().Finalise(Digest, 1);
        Assert.Throws<InvalidOperationException>(() => finalised.Retry("late"));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var submitted = JobLifecycle.Submitted(isPrivate: false);
        Assert.Throws<ArgumentException>(() => submitted.Assign([]));
        Assert.Throws<ArgumentException>(() => submitted.Assign(["a", "a"]));
        Assert.Throws<ArgumentException>(() => submitted.Assign(["a", " "]));
        var executing = submitted.Assign(["a", "b"]).StartExecuting().RecordVotes(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => executing.RecordVotes(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => executing.RecordVotes(3));
        Assert.Throws<ArgumentException>(() => executing.Reject(""));
    }

    [Fact]
    public void The_lifecycle_round_trips_through_json()
    {
        var job = JobLifecycle.Submitted(isPrivate: true).Assign(["a", "b", "c"]).AwaitKeys().DeliverKeys()
            .StartExecuting().RecordVotes(3).Finalise(Digest, 77);

        var copy = JsonSerializer.Deserialize<JobLifecycle>(JsonSerializer.Serialize(job))!;

        Assert.Equal(job, copy);
        Assert.Equal(job.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(job, JobLifecycle.Submitted(isPrivate: true));
        Assert.Throws<InvalidOperationException>(() => copy.Retry("x"));
    }
}
