using System.Buffers.Binary;
using System.Text.Json;
using Paraloom.Cli.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>The compute commands against a real localnet child process.</summary>
public sealed class ComputeCommandTests(LocalnetProcess localnet) : IClassFixture<LocalnetProcess>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Server => localnet.Url.ToString();

    [Fact]
    public async Task A_public_job_is_submitted_followed_and_its_result_printed_as_json()
    {
        var key = NewKey("alice");
        var (exit, output, error) = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", File("numbers", Numbers(20, 22)),
            "--key", key, "--server", Server, "--json");
        Assert.True(exit == 0, error);
        var jobId = JsonDocument.Parse(output).RootElement.GetProperty("jobId").GetString()!;

        await WaitFinalisedAsync(jobId, key);
        var result = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--json");

        Assert.True(result.Exit == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(Sum(42), json.RootElement.GetProperty("output").GetBytesFromBase64());
    }

    [Fact]
    public async Task A_private_job_returns_after_the_hand_out_and_only_decrypts_with_the_requesters_key()
    {
        var key = NewKey("bob");
        var input = "confidential rows"u8.ToArray();
        var (exit, output, error) = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("rows", input),
            "--private", "--replication", "3", "--key", key, "--server", Server);
        Assert.True(exit == 0, error);
        var jobId = output.Trim();

        var status = await CliRunner.RunAsync("compute", "status", jobId, "--key", key, "--server", Server);
        Assert.Equal(0, status.Exit);
        Assert.Contains($"job       {jobId} (private)", status.Output);
        Assert.DoesNotContain("AwaitingKeys", status.Output);
        Assert.Matches(@"replies   \d/3 validators", status.Output);

        await WaitFinalisedAsync(jobId, key);
        var sealedOut = Path.Combine(_directory, "sealed.bin");
        var openOut = Path.Combine(_directory, "open.bin");
        Assert.Equal(0, (await CliRunner.RunAsync("compute", "result", jobId, "--out", sealedOut, "--key", key, "--server", Server)).Exit);
        var opened = await CliRunner.RunAsync("compute", "result", jobId, "--decrypt", "--out", openOut, "--key", key, "--server", Server);

        Assert.Equal(0, opened.Exit);
        Assert.Contains($"output: {input.Length} bytes written to {openOut}", opened.Output);
        Assert.Equal(input, System.IO.File.ReadAllBytes(openOut));
        Assert.NotEqual(input, System.IO.File.ReadAllBytes(sealedOut));

        var stranger = await CliRunner.RunAsync("compute", "result", jobId, "--decrypt", "--key", NewKey("mallory"), "--server", Server);
        AssertOneLineFailure(stranger, "result-access-denied");
    }

    [Fact]
    public async Task Failures_are_one_line_with_a_non_zero_exit()
    {
        var key = NewKey("carol");

        AssertOneLineFailure(await CliRunner.RunAsync("compute", "status", "no-such-job", "--server", Server), "No job 'no-such-job'");
        AssertOneLineFailure(await CliRunner.RunAsync("compute", "status", "x", "--server", "http://127.0.0.1:1"), "cannot reach the silo");
        AssertOneLineFailure(await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", File("in", [1]),
            "--key", Path.Combine(_directory, "missing.key"), "--server", Server), "paraloom keys new");
        AssertOneLineFailure(await CliRunner.RunAsync("compute", "submit", "--wasm", File("bad.wasm", "nope"u8.ToArray()), "--input", File("in2", [1]),
            "--key", key, "--server", Server), "invalid-module");
        AssertOneLineFailure(await CliRunner.RunAsync("compute", "submit", "--wasm", Path.Combine(_directory, "absent.wasm"), "--input", File("in3", [1]),
            "--key", key, "--server", Server), "absent.wasm");

        var (exit, _, error) = await CliRunner.RunAsync("compute", "submit", "--input", File("in4", [1]), "--server", Server);
        Assert.NotEqual(0, exit);
        Assert.Contains("--wasm", error);
    }

    private static void AssertOneLineFailure((int Exit, string Output, string Error) run, string mentioned)
    {
        Assert.Equal(1, run.Exit);
        Assert.Empty(run.Output);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("paraloom compute ", run.Error);
        Assert.Contains(mentioned, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    private async Task WaitFinalisedAsync(string jobId, string key)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var (exit, output, error) = await CliRunner.RunAsync("compute", "status", jobId, "--key", key, "--server", Server, "--json");
            Assert.True(exit == 0, error);
            var state = JsonDocument.Parse(output).RootElement.GetProperty("state").GetString();
            Assert.NotEqual("Rejected", state);
            if (state == "Finalised")
            {
                return;
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    private string NewKey(string name)
    {
        using var key = SecretKey.Generate();
        return KeyFile.WriteNew(key, _directory, name).SecretKeyPath;
    }

    private string File(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Numbers(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    private static byte[] Sum(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
