using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// Real faults in a real cluster: <c>paraloom localnet --silos 3</c> on PostgreSQL, a burst of jobs submitted across the
/// silos, then one silo killed (SIGKILL) or stopped (SIGTERM) while its validators execute and its quorums collect votes.
/// Every job reaches one final state, the same whichever silo is asked, and is charged and paid out once; every final
/// private job's note is in the note tree once.
/// </summary>
public sealed class ClusterFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    private readonly string _data = Directory.CreateTempSubdirectory("paraloom-cluster-").FullName;
    private readonly SecretKey _requester = SecretKey.Generate();
    private string _postgreSql = null!;

    public async Task InitializeAsync() => _postgreSql = await TestPostgreSql.CreateDatabaseAsync("cluster");

    public Task DisposeAsync()
    {
        _requester.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_kill_9_of_one_silo_mid_burst_loses_no_job_and_a_silo_started_under_load_takes_work()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(3, _data, _postgreSql);
        var clients = cluster.Silos.Select(silo => new ParaloomClient(silo.Url)).ToList();
        var ids = await SubmitBurstAsync(clients, 12);

        cluster.Kill(1);

        var finals = await AssertEveryJobEndsOnceAsync(ids, clients[0], clients[2]);
        await AssertChargedAndEarnedOnceAsync(finals, clients[0]);

        await using var joined = LocalnetProcess.Member(
            "silo-4", Path.Combine(_data, "silo-4"), _postgreSql, Path.Combine(_data, "tls"), Path.Combine(_data, "network"));
        await joined.InitializeAsync();
        using var joinedClient = new ParaloomClient(joined.Url);
        var newcomers = (await joinedClient.GetValidatorsAsync().WaitAsync(Bound))
            .Where(validator => validator.SiloId == "silo-4").Select(validator => validator.ValidatorId).ToHashSet();
        Assert.Equal(3, newcomers.Count);
        // Idle and as trusted as anyone, the newcomers score best: the first cohorts formed now include them.
        var tookWork = false;
        for (var job = 0; job < 10 && !tookWork; job++)
        {
            var id = await joinedClient.SubmitAsync(SumJob(job)).WaitAsync(Bound);
            var final = await clients[job % 2 == 0 ? 0 : 2].WaitAsync(id).WaitAsync(Bound);
            Assert.Equal(JobState.Finalised, final.State);
            tookWork = final.Cohort.Any(member => newcomers.Contains(member.ValidatorId));
        }
        Assert.True(tookWork, "no cohort formed after silo-4 joined included one of its validators");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_mid_burst_drains_and_fails_no_job()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(3, _data, _postgreSql);
        var clients = cluster.Silos.Select(silo => new ParaloomClient(silo.Url)).ToList();
        var ids = await SubmitBurstAsync(clients, 9);

        cluster.Terminate(1);

        var finals = await AssertEveryJobEndsOnceAsync(ids, clients[0], clients[2]);
        Assert.All(finals, final => Assert.Equal(JobState.Finalised, final.State));
        var deadline = DateTime.UtcNow + Bound;
        while (!cluster.HasExited(1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.True(cluster.HasExited(1), "silo-2 did not stop after SIGTERM");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task After_a_kill_9_of_one_silo_mid_burst_of_private_jobs_each_final_note_is_in_the_note_tree_once()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(3, _data, _postgreSql);
        var clients = cluster.Silos.Select(silo => new ParaloomClient(silo.Url)).ToList();
        var ids = new List<string>();
        for (var job = 0; job < 12; job++)
        {
            ids.Add(await clients[job % clients.Count].SubmitAsync(NoteTreeAudit.PrivateSum(_requester, 40_000 * (job + 1))).WaitAsync(Bound));
        }
        // Jobs awaiting their keys hold their cohort's capacity: hand every key out at once, as each cohort forms. Once the
        // first job is final the others follow it through execution, votes and the tree: kill then.
        var handOuts = NoteTreeAudit.HandOutAsync(clients[0], _requester, ids);
        await clients[0].WaitAsync(ids[0], _requester).WaitAsync(Bound);

        cluster.Kill(1);
        await handOuts;

        var finals = await AssertEveryJobEndsOnceAsync(ids, clients[0], clients[2], _requester);
        Assert.Contains(finals, final => final.State == JobState.Finalised);
        using var gateway = await NoteTreeAudit.ConnectAsync(Path.Combine(_data, "tls"), options => options.PostgreSqlConnectionString = _postgreSql);
        await NoteTreeAudit.AssertEachFinalNoteOnceAsync(gateway.Services.GetRequiredService<IClusterClient>(), clients[0], _requester, finals, Bound);
        await gateway.StopAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>Jobs of growing size submitted round-robin to every silo, so each silo's API and grains take some.</summary>
    private async Task<List<string>> SubmitBurstAsync(IReadOnlyList<ParaloomClient> clients, int count)
    {
        var ids = new List<string>();
        for (var job = 0; job < count; job++)
        {
            ids.Add(await clients[job % clients.Count].SubmitAsync(SumJob(job)).WaitAsync(Bound));
        }
        return ids;
    }

    /// <summary>
    /// Follows every job through the first survivor until it is final (agreed, or rejected with a reason), then reads it
    /// through the other survivor: both must tell the same outcome, attempt and result. With <paramref name="requester"/>,
    /// the first survivor hands private jobs' keys to every later cohort (the submitting client may be the killed silo's).
    /// </summary>
    private static async Task<IReadOnlyList<JobProgress>> AssertEveryJobEndsOnceAsync(
        IReadOnlyList<string> ids, ParaloomClient first, ParaloomClient second, SecretKey? requester = null)
    {
        var finals = new List<JobProgress>();
        foreach (var id in ids)
        {
            JobProgress final;
            try
            {
                final = await (requester is null ? first.WaitAsync(id) : first.WaitAsync(id, requester)).WaitAsync(Bound);
            }
            catch (JobRejectedException)
            {
                final = await first.GetStatusAsync(id).WaitAsync(Bound);
            }
            catch (TimeoutException)
            {
                var stuck = await second.GetStatusAsync(id);
                throw new TimeoutException(
                    $"{id} was not final within {Bound}: {stuck.State}, attempt {stuck.Attempt}, {stuck.VotesReceived}/{stuck.Threshold} votes, " +
                    $"cohort {string.Join(' ', stuck.Cohort.Select(member => member.ValidatorId))}, awaiting keys: {stuck.AwaitingKeys}");
            }
            Assert.True(final.State == JobState.Finalised || !string.IsNullOrEmpty(final.Reason), $"{id} ended {final.State} with no reason");
            var elsewhere = await second.GetStatusAsync(id).WaitAsync(Bound);
            Assert.Equal((final.State, final.Attempt, final.Digest), (elsewhere.State, elsewhere.Attempt, elsewhere.Digest));
            finals.Add(final);
        }
        return finals;
    }

    /// <summary>
    /// The accounts after the burst and the kill: the requester was charged each job once, exactly its fee, and its balance
    /// is its grants less its charges with nothing left held; every validator (of every silo, the killed one's too) earned at
    /// most once per job, only for jobs whose final cohort it was in, and each agreed job paid at least a threshold of members.
    /// </summary>
    private async Task AssertChargedAndEarnedOnceAsync(IReadOnlyList<JobProgress> finals, ParaloomClient client)
    {
        var requester = await client.GetAccountAsync(_requester).WaitAsync(Bound);
        var deadline = DateTime.UtcNow + Bound;
        while (requester.Held != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            requester = await client.GetAccountAsync(_requester).WaitAsync(Bound);
        }
        Assert.Equal(0, requester.Held);
        var charges = requester.History.Where(entry => entry.Kind == AccountEntryKind.Charge).ToList();
        foreach (var final in finals)
        {
            var charged = Assert.Single(charges, entry => entry.JobId == final.JobId);
            Assert.Equal(final.Fee, charged.Amount);
        }
        Assert.Equal(finals.Count, charges.Count);
        var granted = requester.History.Where(entry => entry.Kind == AccountEntryKind.Grant).Sum(entry => entry.Amount);
        Assert.Equal(granted - charges.Sum(entry => entry.Amount), requester.Credits);

        var validatorKeys = Directory.EnumerateFiles(_data, "validator-*" + KeyFile.SecretKeyExtension, SearchOption.AllDirectories)
            .Select(KeyFile.ReadSecretKey).ToList();
        Assert.Equal(9, validatorKeys.Count);
        // Earnings travel from the requester's account through its outbox: wait until each agreed job has paid a threshold.
        List<(string ValidatorId, string? JobId)> earnings;
        while (true)
        {
            earnings = [];
            foreach (var key in validatorKeys)
            {
                earnings.AddRange(await EarningsOfAsync(client, key));
            }
            var paid = finals.Where(final => final.State == JobState.Finalised)
                .All(final => earnings.Count(earning => earning.JobId == final.JobId) >= final.Threshold);
            if (paid || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.Equal(earnings.Count, earnings.Distinct().Count());
        foreach (var final in finals)
        {
            var earners = earnings.Where(earning => earning.JobId == final.JobId).Select(earning => earning.ValidatorId).ToList();
            Assert.All(earners, earner => Assert.Contains(final.Cohort, member => member.ValidatorId == earner));
            Assert.True(final.State != JobState.Finalised || earners.Count >= final.Threshold,
                $"{final.JobId} paid {earners.Count} members, fewer than its threshold {final.Threshold}");
        }
        Assert.All(earnings, earning => Assert.Contains(finals, final => final.JobId == earning.JobId));
        foreach (var key in validatorKeys)
        {
            key.Dispose();
        }
    }

    /// <summary>The jobs a validator's account has earnings for, one entry each; none while it has earned nothing.</summary>
    private static async Task<IEnumerable<(string ValidatorId, string? JobId)>> EarningsOfAsync(ParaloomClient client, SecretKey validator)
    {
        try
        {
            var account = await client.GetAccountAsync(validator, asValidator: true).WaitAsync(Bound);
            return account.History.Where(entry => entry.Kind == AccountEntryKind.Earning).Select(entry => (account.Key, entry.JobId));
        }
        catch (ParaloomApiException refused) when (refused.Status == 403 && refused.Error == "result-access-denied")
        {
            // An account that has earned nothing has no owner yet to read it.
            return [];
        }
    }

    private Job SumJob(int index) => Job.Builder()
        .Wasm(File.ReadAllBytes(Repository.ProgramPath("sum")))
        .Input(ProgramInputs.Numbers([.. Enumerable.Range(0, 40_000 * (index + 1)).Select(n => (uint)n)]))
        .RequestedBy(_requester)
        // A member lost with its silo leaves its attempt to the deadline (this wall clock plus the silo's grace): keep it short.
        .Limits(new JobLimits { WallClock = TimeSpan.FromSeconds(5) })
        .Build();
}
