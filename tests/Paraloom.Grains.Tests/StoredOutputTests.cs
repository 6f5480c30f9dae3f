using Microsoft.Data.Sqlite;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>An agreed output is stored once by the attempt's quorum, however many members voted for it.</summary>
public sealed class StoredOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-grains-").FullName;

    private string Database => Path.Combine(_directory, "paraloom.db");

    [Fact]
    public async Task VotesKeepDigestsAndTheQuorumKeepsOneCopyOfTheAgreedOutput()
    {
        var output = new byte[3000];
        new Random(12).NextBytes(output);
        await using (var cluster = await ComputeCluster.StartAsync(store: ParaloomStore.Sqlite(Database), keyDirectory: Path.Combine(_directory, "keys")))
        {
            await cluster.SubmitPublicAsync("echo", Repository.Program("echo"), output);
            var final = await cluster.WaitFinalAsync("echo");
            Assert.Equal((JobState.Finalised, 3), (final.State, final.VotesReceived));
            // Votes arriving after the decision are counted too: wait until every member's is in.
            Assert.Equal(output, (await cluster.FetchResultAsync("echo")).Output.ToArray());
        }

        var encoded = Convert.ToBase64String(output);
        // The quorum's one copy is its decision's; the job holds the echo's input and its result.
        var store = ParaloomStore.Sqlite(Database);
        var quorums = await TestStores.StoredStatesAsync(store, "quorum");
        var jobs = await TestStores.StoredStatesAsync(store, "job");
        Assert.Equal((1, 2), (Occurrences(quorums, encoded), Occurrences(jobs, encoded)));
    }

    [Fact]
    public async Task ALargeInputIsStoredOnceApartFromTheJobsStateAndRemovedWithIt()
    {
        var numbers = Enumerable.Range(0, 25_000).Select(n => (uint)n * 7919).ToArray();
        var input = ProgramInputs.Numbers(numbers);
        var store = ParaloomStore.Sqlite(Database);
        await using var cluster = await ComputeCluster.StartAsync(
            store: store, keyDirectory: Path.Combine(_directory, "keys"), configure: options => options.Retention = TimeSpan.FromSeconds(2));
        await cluster.SubmitPublicAsync("large", Repository.Program("sum"), input);
        var final = await cluster.WaitFinalAsync("large");
        var encoded = Convert.ToBase64String(input);
        var inputs = await TestStores.StoredStatesAsync(store, "job-input");
        var jobs = await TestStores.StoredStatesAsync(store, "job");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(ProgramInputs.Sum(numbers), (await cluster.FetchResultAsync("large")).Output.ToArray());
        // The job's state was written at every transition; the input only once, by its own grain.
        Assert.Equal((1, 0), (Occurrences(inputs, encoded), Occurrences(jobs, encoded)));
        await Eventually.ReachesAsync(
            () => TestStores.StoredStatesAsync(store, "job-input"), states => states.Count == 0, "the input goes with the job");
    }

    private static int Occurrences(IEnumerable<string> states, string encoded) =>
        states.Sum(state => (state.Length - state.Replace(encoded, "", StringComparison.Ordinal).Length) / encoded.Length);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
