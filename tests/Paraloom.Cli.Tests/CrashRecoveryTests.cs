using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>The embedded file store against a real crash: SIGKILL, no shutdown at all, then a new process on the same data.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _data = Directory.CreateTempSubdirectory("paraloom-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

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
        await using (var crashed = LocalnetProcess.On(_data))
        {
            await crashed.InitializeAsync();
            using var client = new ParaloomClient(crashed.Url);
            jobId = await client.SubmitAsync(job).WaitAsync(Bound);
            Assert.True((await client.GetStatusAsync(jobId).WaitAsync(Bound)).AwaitingKeys);
            await crashed.KillAsync();
        }

        await using var restarted = LocalnetProcess.On(_data);
        await restarted.InitializeAsync();
        using var again = new ParaloomClient(restarted.Url);
        var final = await again.WaitAsync(jobId, requester).WaitAsync(Bound);
        var result = await again.GetResultAsync(jobId, requester).WaitAsync(Bound);

        Assert.Equal((JobState.Finalised, 1), (final.State, final.Attempt));
        Assert.Equal(input, result.Decrypt(requester));
    }
}
