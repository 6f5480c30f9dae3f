using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>
/// What a user sees of the service is the same whichever transport the client takes: these tests run once over HTTP
/// (<see cref="HttpTransportTests"/>) and once through the Orleans gateway (<see cref="OrleansTransportTests"/>),
/// against the real silo.
/// </summary>
public abstract class TransportBehaviourTests(SiloServer silo) : IAsyncLifetime
{
    protected SiloServer Silo { get; } = silo;

    /// <summary>The client under test, as <c>AddParaloomClient</c> registers it for the transport.</summary>
    protected IParaloomClient Client { get; private set; } = null!;

    protected SecretKey Requester { get; } = SecretKey.Generate();

    /// <summary>Only turns a hang into a failure: every wait ends on a condition long before.</summary>
    protected CancellationTokenSource Patience { get; } = new(TimeSpan.FromSeconds(60));

    /// <summary>The client this transport gives a .NET service.</summary>
    protected abstract Task<IParaloomClient> ConnectAsync();

    /// <summary>A second client over the same transport: it kept no job key.</summary>
    protected abstract IParaloomClient NewClient(TimeSpan pollInterval);

    private IParaloomClient NewClient() => NewClient(TimeSpan.FromMilliseconds(30));

    public async Task InitializeAsync() => Client = await ConnectAsync();

    public virtual Task DisposeAsync()
    {
        Requester.Dispose();
        Patience.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_public_job_is_agreed_and_its_output_comes_back_plain()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input("hello"u8).RequestedBy(Requester).Build());

        var final = await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(final.Digest, result.Digest);
        Assert.False(result.IsPrivate);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal("hello"u8.ToArray(), result.Output.ToArray());
    }

    [Fact]
    public async Task A_public_jobs_status_gives_its_times_its_replication_and_its_fee_in_credits()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input("fee"u8).RequestedBy(Requester).Build(), Patience.Token);
        var running = await Client.GetStatusAsync(jobId, Patience.Token);

        var final = await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal(3, final.Replication);
        Assert.NotNull(running.FeeHeld);
        Assert.True(running.IsFinal || running.Fee is null);
        var started = Assert.Single(final.AttemptStartedAt);
        Assert.InRange(started, final.SubmittedAt, final.FinishedAt!.Value);
        Assert.Equal((long)result.Fee, final.Fee);
        Assert.InRange(final.Fee!.Value, 1, running.FeeHeld!.Value);
        Assert.Equal(running.FeeHeld, final.FeeHeld);
    }

    [Fact]
    public async Task A_private_jobs_status_publishes_no_fee_only_its_result_tells_the_requester()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([8, 8], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);

        var final = await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Null(final.Fee);
        Assert.Null(final.FeeHeld);
        Assert.NotNull(final.FinishedAt);
        Assert.Single(final.AttemptStartedAt);
        Assert.True(result.Fee > 0);
    }

    [Fact]
    public async Task The_requester_cancels_a_running_job_and_its_status_watch_and_result_say_it_was_cancelled()
    {
        // Nobody waits on it, so it awaits its key hand-out until it is cancelled.
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([6], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        using var stranger = SecretKey.Generate();

        var denied = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.CancelAsync(jobId, stranger, Patience.Token));
        var stillRunning = await Client.GetStatusAsync(jobId, Patience.Token);
        var cancelled = await Client.CancelAsync(jobId, Requester, Patience.Token);
        var watched = await Assert.ThrowsAsync<JobCancelledException>(() => Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token));
        var noResult = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.GetResultAsync(jobId, Requester, Patience.Token));
        var again = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.CancelAsync(jobId, Requester, Patience.Token));
        var unknown = await Assert.ThrowsAsync<JobNotFoundException>(() => Client.CancelAsync("no-such-job", Requester, Patience.Token));

        Assert.Equal((403, "cancel-denied"), (denied.Status, denied.Error));
        Assert.Equal(JobState.AwaitingKeys, stillRunning.State);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.True(cancelled.IsFinal);
        Assert.False(cancelled.AwaitingKeys);
        Assert.NotNull(cancelled.FinishedAt);
        Assert.Equal(JobState.Cancelled, (await Client.GetStatusAsync(jobId, Patience.Token)).State);
        Assert.Equal(jobId, watched.JobId);
        Assert.Equal((409, "job-cancelled"), (noResult.Status, noResult.Error));
        Assert.Contains("cancelled by its requester", noResult.Message);
        Assert.Equal((409, "job-already-final"), (again.Status, again.Error));
        Assert.Equal("unknown-job", unknown.Error);
    }

    [Fact]
    public async Task A_private_job_is_handed_out_by_the_submitting_client_and_decrypted_by_the_requester()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([4, 2], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var seen = new List<JobProgress>();

        var jobId = await Client.SubmitAsync(job, Patience.Token);
        var final = await Client.WaitAsync(jobId, new SynchronousProgress(seen.Add), Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Contains(seen, progress => progress.AwaitingKeys && progress.Cohort.Count == 3);
        Assert.True(result.IsPrivate);
        Assert.NotEqual([4, 2], result.Output.ToArray());
        Assert.Equal([4, 2], result.Decrypt(Requester));
    }

    [Fact]
    public async Task Waiting_follows_pushed_events_so_a_private_job_completes_without_any_poll_interval_elapsing()
    {
        // An hour between polls: only the pushed assignment can trigger the hand-out, only pushed events can end the wait.
        var pushedOnly = NewClient(TimeSpan.FromHours(1));
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([3, 1], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var seen = new List<JobProgress>();

        var jobId = await pushedOnly.SubmitAsync(job, Patience.Token);
        var final = await pushedOnly.WaitAsync(jobId, new SynchronousProgress(seen.Add), Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Contains(seen, progress => progress.AwaitingKeys);
        Assert.Equal(seen.Select(progress => progress.Version).Order(), seen.Select(progress => progress.Version));
        Assert.Equal([3, 1], (await pushedOnly.GetResultAsync(jobId, Requester, Patience.Token)).Decrypt(Requester));
    }

    [Fact]
    public async Task Another_client_hands_out_with_the_requesters_secret_and_needs_it()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([9], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        var other = NewClient();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.WaitAsync(jobId, cancellationToken: Patience.Token));
        var final = await other.WaitAsync(jobId, Requester, cancellationToken: Patience.Token);

        Assert.Contains("secret key", refused.Message);
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal([9], (await other.GetResultAsync(jobId, Requester, Patience.Token)).Decrypt(Requester));
    }

    [Fact]
    public async Task A_refused_submission_is_a_validation_exception_with_the_silos_error_code()
    {
        var job = Job.Builder().Wasm("not wasm"u8).Input([1]).RequestedBy(Requester).Build();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Client.SubmitAsync(job, Patience.Token));

        Assert.Equal((422, "invalid-module"), (refused.Status, refused.Error));
        Assert.Contains("not valid WebAssembly", refused.Message);
    }

    [Fact]
    public async Task Limits_above_the_cap_are_a_validation_exception()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester)
            .Limits(new JobLimits { Fuel = Paraloom.Compute.NetworkCaps.Default.MaxFuel + 1 }).Build();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Client.SubmitAsync(job, Patience.Token));

        Assert.Equal((422, "above-cap"), (refused.Status, refused.Error));
    }

    [Fact]
    public async Task Submitting_a_job_twice_is_a_conflict()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester).Build();
        await Client.SubmitAsync(job, Patience.Token);

        var conflict = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.SubmitAsync(job, Patience.Token));

        Assert.Equal((409, "already-submitted"), (conflict.Status, conflict.Error));
    }

    [Fact]
    public async Task A_job_that_runs_out_of_time_is_rejected_and_waiting_throws_the_reason()
    {
        // Never handed out (only this client kept the job key, and it does not wait), it outlives its distribution timeout.
        var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([1], Requester.PublicKey).WithOwnershipProof(Requester)
            .Limits(new JobLimits { DistributionTimeout = TimeSpan.FromMilliseconds(300) }).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        while ((await Client.GetStatusAsync(jobId, Patience.Token)).State != JobState.Rejected)
        {
            await Task.Delay(50, Patience.Token);
        }

        var rejected = await Assert.ThrowsAsync<JobRejectedException>(() => Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token));
        var noResult = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.GetResultAsync(jobId, Requester, Patience.Token));

        Assert.Equal(jobId, rejected.JobId);
        Assert.Contains("distribution timeout", rejected.Reason);
        // It never will have a result, and the refusal says why rather than "not ready".
        Assert.Equal((409, "job-rejected"), (noResult.Status, noResult.Error));
        Assert.Contains("was rejected", noResult.Message);
        Assert.Contains("distribution timeout", noResult.Message);
    }

    [Fact]
    public async Task An_unknown_job_is_a_job_not_found_exception()
    {
        var missing = await Assert.ThrowsAsync<JobNotFoundException>(() => Client.GetStatusAsync("no-such-job", Patience.Token));

        Assert.Equal((404, "unknown-job"), (missing.Status, missing.Error));
    }

    [Fact]
    public async Task Waiting_on_an_unknown_job_is_a_job_not_found_exception_not_a_fallback_to_polling()
    {
        var missing = await Assert.ThrowsAsync<JobNotFoundException>(() => Client.WaitAsync("no-such-job", cancellationToken: Patience.Token));

        Assert.Equal("unknown-job", missing.Error);
    }

    [Fact]
    public async Task The_result_is_refused_to_a_key_that_is_not_the_requesters()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input([7]).RequestedBy(Requester).Build());
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        using var stranger = SecretKey.Generate();

        var denied = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.GetResultAsync(jobId, stranger, Patience.Token));

        Assert.Equal((403, "result-access-denied"), (denied.Status, denied.Error));
    }

    [Fact]
    public async Task Handing_out_with_a_key_that_is_not_the_requesters_is_a_one_line_api_refusal_and_leaves_the_job_waiting()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([5], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        using var stranger = SecretKey.Generate();

        var refused = await Assert.ThrowsAsync<NotTheRequesterException>(() => Client.WaitAsync(jobId, stranger, cancellationToken: Patience.Token));

        Assert.Equal((403, "not-the-requester"), (refused.Status, refused.Error));
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain("Parameter", refused.Message);
        Assert.Equal(JobState.Finalised, (await Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token)).State);
    }

    [Fact]
    public async Task Validators_are_listed_with_their_keys_and_load()
    {
        var validators = await Client.GetValidatorsAsync(Patience.Token);

        Assert.Equal(3, validators.Select(validator => validator.PublicKey).Distinct().Count());
        Assert.All(validators, validator => Assert.InRange(validator.Load, 0.0, 1.0));
    }

    [Fact]
    public async Task The_requester_reads_its_account_and_finds_the_results_fee_charged_and_the_rest_of_the_hold_given_back()
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input("fee"u8).RequestedBy(Requester).Build());
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        var account = await Client.GetAccountAsync(Requester, cancellationToken: Patience.Token);

        Assert.Equal(Requester.PublicKey.ToHex(), account.Key);
        Assert.True(result.Fee > 0);
        Assert.Equal(TestNetwork.NewcomerCredits - (long)result.Fee, account.Credits);
        Assert.Equal(0, account.Held);
        Assert.Equal(
            [(AccountEntryKind.Grant, TestNetwork.NewcomerCredits, null, 0), (AccountEntryKind.Hold, account.History[1].Amount, jobId, 0),
             (AccountEntryKind.Charge, (long)result.Fee, jobId, result.Attempt), (AccountEntryKind.Refund, account.History[1].Amount - (long)result.Fee, jobId, result.Attempt)],
            account.History.Select(entry => (entry.Kind, entry.Amount, entry.JobId, entry.Attempt)));
    }

    [Fact]
    public async Task A_grant_counts_once_and_only_when_the_network_authority_signed_it_for_this_account()
    {
        using var impostor = SecretKey.Generate();
        var genuine = Compute.CreditGrant.Issue(TestNetwork.Authority, Requester.PublicKey, 5_000, DateTimeOffset.UtcNow.AddHours(1));
        var forged = Compute.CreditGrant.Issue(impostor, Requester.PublicKey, 1_000_000, DateTimeOffset.UtcNow.AddHours(1));
        var expired = Compute.CreditGrant.Issue(TestNetwork.Authority, Requester.PublicKey, 1_000_000, DateTimeOffset.UtcNow.AddMinutes(-1));

        var refusedForged = await Assert.ThrowsAsync<ValidationException>(() => Client.GrantCreditsAsync(forged, Patience.Token));
        var refusedExpired = await Assert.ThrowsAsync<ValidationException>(() => Client.GrantCreditsAsync(expired, Patience.Token));
        var applied = await Client.GrantCreditsAsync(genuine, Patience.Token);
        var again = await Client.GrantCreditsAsync(genuine, Patience.Token);
        var account = await Client.GetAccountAsync(Requester, cancellationToken: Patience.Token);

        Assert.Equal((422, "invalid-credit-grant"), (refusedForged.Status, refusedForged.Error));
        Assert.Contains("not signed by the network authority", refusedForged.Message);
        Assert.Equal((422, "invalid-credit-grant"), (refusedExpired.Status, refusedExpired.Error));
        Assert.Contains("expired", refusedExpired.Message);
        Assert.Equal((true, false), (applied, again));
        Assert.Equal(TestNetwork.NewcomerCredits + 5_000, account.Credits);
        Assert.Equal([AccountEntryKind.Grant, AccountEntryKind.Grant], account.History.Select(entry => entry.Kind));
    }

    [Fact]
    public async Task The_requester_lists_its_jobs_oldest_first_with_their_state_times_and_fee_and_nobody_else_lists_them()
    {
        using var stranger = SecretKey.Generate();
        var first = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input("one"u8).RequestedBy(Requester).Build(), Patience.Token);
        var finished = await Client.WaitAsync(first, cancellationToken: Patience.Token);
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([7], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var second = await Client.SubmitAsync(job, Patience.Token);
        await Client.CancelAsync(second, Requester, Patience.Token);

        var jobs = await Client.ListJobsAsync(Requester, Patience.Token);
        var othersJobs = await Client.ListJobsAsync(stranger, Patience.Token);

        Assert.Equal([(first, JobState.Finalised, false), (second, JobState.Cancelled, true)], jobs.Select(listed => (listed.JobId, listed.State, listed.IsPrivate)));
        Assert.Equal((finished.SubmittedAt, finished.FinishedAt, finished.Fee), (jobs[0].SubmittedAt, jobs[0].FinishedAt, jobs[0].Fee));
        Assert.True(jobs[0].Fee > 0);
        Assert.NotNull(jobs[1].FinishedAt);
        Assert.Null(jobs[1].Fee);
        Assert.Empty(othersJobs);
    }

    [Fact]
    public async Task A_validator_account_that_has_earned_nothing_has_no_owner_to_read_it()
    {
        using var stranger = SecretKey.Generate();

        var denied = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.GetAccountAsync(stranger, asValidator: true, Patience.Token));

        Assert.Equal((403, "result-access-denied"), (denied.Status, denied.Error));
        Assert.Contains("earned nothing yet", denied.Message);
    }

    /// <summary>Reports on the caller's thread, so the test sees every report before WaitAsync returns.</summary>
    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}

/// <summary>The behaviour over the silo's HTTP API, the client registered with <c>AddParaloomClient</c> on the test server.</summary>
public sealed class HttpTransportTests(SiloServer silo) : TransportBehaviourTests(silo), IClassFixture<SiloServer>
{
    private readonly List<IDisposable> _owned = [];

    protected override Task<IParaloomClient> ConnectAsync()
    {
        var services = new ServiceCollection();
        services.AddParaloomClient(options =>
            {
                options.BaseAddress = Silo.Server.BaseAddress;
                options.PollInterval = TimeSpan.FromMilliseconds(30);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Silo.Server.CreateHandler());
        var provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return Task.FromResult(provider.GetRequiredService<IParaloomClient>());
    }

    protected override IParaloomClient NewClient(TimeSpan pollInterval)
    {
        var client = new ParaloomClient(Silo.CreateClient()) { PollInterval = pollInterval };
        _owned.Add(client);
        return client;
    }

    public override async Task DisposeAsync()
    {
        _owned.ForEach(owned => owned.Dispose());
        await base.DisposeAsync();
    }
}

/// <summary>The behaviour through the silo's Orleans gateway, as a .NET service in the cluster's network uses it.</summary>
public class OrleansTransportTests(SiloServer silo) : TransportBehaviourTests(silo), IClassFixture<SiloServer>
{
    private IHost? _host;

    protected override async Task<IParaloomClient> ConnectAsync()
    {
        _host = await Silo.ConnectGatewayAsync();
        return _host.Services.GetRequiredService<IParaloomClient>();
    }

    protected override IParaloomClient NewClient(TimeSpan pollInterval) =>
        new ParaloomClient(_host!.Services.GetRequiredService<Orleans.IClusterClient>()) { PollInterval = pollInterval };

    public override async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        await base.DisposeAsync();
    }
}

/// <summary>The same behaviour through a gateway found in a PostgreSQL membership table, as beside a real cluster.</summary>
public sealed class OrleansTransportOnPostgreSqlTests(PostgreSqlSiloServer silo) : OrleansTransportTests(silo), IClassFixture<PostgreSqlSiloServer>;
