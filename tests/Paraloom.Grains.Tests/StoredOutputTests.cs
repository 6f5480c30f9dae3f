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

    private static int Occurrences(IEnumerable<string> states, string encoded) =>
        states.Sum(state => (state.Length - state.Replace(encoded, "", StringComparison.Ordinal).Length) / encoded.Length);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
