using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// A store against a real crash: SIGKILL, no shutdown at all, then a new localnet process on what the dead one left.
/// Runs on the embedded SQLite file and on PostgreSQL.
/// </summary>
public abstract class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _data = Directory.CreateTempSubdirectory("paraloom-crash-").FullName;
    private string? _postgreSql;

    private protected abstract Task<string?> PostgreSqlAsync();

    public async Task InitializeAsync() => _postgreSql = await PostgreSqlAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_private_job_outlives_a_kill_9_of_its_localnet_and_finishes_after_the_restart()
    {
        using var requester = SecretKey.Generate();
        var input = "rows that must outlive a crash"u8.ToArray();
        var job = Job.Builder()
            .Wasm(File.ReadAllBytes(Repository.ProgramPath("echo")))
            .PrivateInput(input, requester.PublicKey)
            .WithOwnershipProof(requester)
            .Build();

        string jobId;
        await using (var crashed = LocalnetProcess.On(_data, _postgreSql))
        {
            await crashed.InitializeAsync();
            using var client = new ParaloomClient(crashed.Url);
            jobId = await client.SubmitAsync(job).WaitAsync(Bound);
            Assert.True((await client.GetStatusAsync(jobId).WaitAsync(Bound)).AwaitingKeys);
            await crashed.KillAsync();
        }

        await using var restarted = LocalnetProcess.On(_data, _postgreSql);
        await restarted.InitializeAsync();
        using var again = new ParaloomClient(restarted.Url);
        var final = await again.WaitAsync(jobId, requester).WaitAsync(Bound);
        var result = await again.GetResultAsync(jobId, requester).WaitAsync(Bound);

        Assert.Equal((JobState.Finalised, 1), (final.State, final.Attempt));
        Assert.Equal(input, result.Decrypt(requester));
        // The validators kept the module they compiled, for the next restart, beside their keys.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_data, "compiled-modules"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Jobs_killed_while_executing_and_voting_all_finish_once_and_credit_each_validator_once_per_job()
    {
        using var requester = SecretKey.Generate();
        var sum = File.ReadAllBytes(Repository.ProgramPath("sum"));
        var jobs = Enumerable.Range(1, 12)
            .Select(i => Job.Builder().Wasm(sum).Input(ProgramInputs.Numbers([.. Enumerable.Range(0, 50_000 * i).Select(n => (uint)n)]))
                .RequestedBy(requester).Build())
            .ToList();

        var ids = new List<string>();
        await using (var crashed = LocalnetProcess.On(_data, _postgreSql))
        {
            await crashed.InitializeAsync();
            using var client = new ParaloomClient(crashed.Url);
            foreach (var job in jobs)
            {
                ids.Add(await client.SubmitAsync(job).WaitAsync(Bound));
            }
            // The last submissions are still executing and the first ones' votes are on their way.
            await crashed.KillAsync();
        }

        await using var restarted = LocalnetProcess.On(_data, _postgreSql);
        await restarted.InitializeAsync();
        using var again = new ParaloomClient(restarted.Url);
        foreach (var id in ids)
        {
            var final = await again.WaitAsync(id).WaitAsync(Bound);
            Assert.Equal((JobState.Finalised, 1, 3), (final.State, final.Attempt, final.VotesReceived));
        }
        // Every validator sits in every cohort (three validators, K = 3) and agreed on each job exactly once.
        var expected = Reputation.Initial + ids.Count * Reputation.AgreedDelta;
        var deadline = DateTime.UtcNow + Bound;
        IReadOnlyList<ValidatorStatus> validators;
        while ((validators = await again.GetValidatorsAsync()).Any(validator => validator.Reputation != expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.All(validators, validator => Assert.Equal(expected, validator.Reputation));
    }
}

public sealed class SqliteCrashRecoveryTests : CrashRecoveryTests
{
    private protected override Task<string?> PostgreSqlAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgreSqlCrashRecoveryTests : CrashRecoveryTests
{
    private protected override async Task<string?> PostgreSqlAsync() => await TestPostgreSql.CreateDatabaseAsync("crash");
}
