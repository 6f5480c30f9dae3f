using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The newcomer's lost jobs: private jobs submitted while every validator is busy must still get their key,
/// because <c>compute submit</c> waits for the first hand-out. Validators of capacity 1 and K = 3 run one job at
/// a time, so all but one of the jobs wait in the queue when they are submitted.
/// </summary>
public sealed class PrivateJobsUnderLoadTests : IAsyncLifetime, IDisposable
{
    private const int Jobs = 20;

    private readonly LocalnetProcess _localnet = LocalnetProcess.With(new Dictionary<string, string> { ["PARALOOM_VALIDATORCAPACITY"] = "1" });
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-load-").FullName;

    public Task InitializeAsync() => _localnet.InitializeAsync();

    public Task DisposeAsync() => _localnet.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Twenty_private_jobs_submitted_while_every_validator_is_busy_all_finalise()
    {
        using var requester = SecretKey.Generate();
        var key = KeyFile.WriteNew(requester, _directory, "load").SecretKeyPath;
        var inputs = Enumerable.Range(0, Jobs).Select(i =>
        {
            var path = Path.Combine(_directory, $"rows-{i}.bin");
            File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes($"private rows of job {i}"));
            return path;
        }).ToArray();

        var submits = await Task.WhenAll(inputs.Select(input => CliRunner.RunAsync(
            "compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", input, "--private", "--key", key, "--server", _localnet.Url.ToString())));

        Assert.All(submits, submit => Assert.True(submit.Exit == 0, submit.Error));
        // Waiting was shown on standard error, one line per change since it is not a terminal: some jobs queued.
        Assert.Contains(submits, submit => submit.Error.Contains("queued: waiting for validators with free capacity", StringComparison.Ordinal));
        var jobIds = submits.Select(submit => submit.Output.Trim()).ToArray();
        Assert.Equal(Jobs, jobIds.Distinct().Count());

        // Nobody hands out keys from here on: each job must finish on the hand-out its submit did.
        using var connection = new ParaloomClient(_localnet.Url);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var finals = await Task.WhenAll(jobIds.Select(async jobId =>
        {
            while (true)
            {
                var status = await connection.GetStatusAsync(jobId, patience.Token);
                if (status.IsFinal)
                {
                    return status;
                }
                await Task.Delay(200, patience.Token);
            }
        }));

        Assert.All(finals, status => Assert.True(status.State == JobState.Finalised, $"{status.JobId}: {status.State} ({status.Reason})"));
    }
}
