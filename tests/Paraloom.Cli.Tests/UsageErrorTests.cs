using System.Net;
using System.Net.Sockets;
using Paraloom.Cli.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>Each mistake a newcomer made: one line naming the option and what is wrong, exit code 2 (usage) or 1 (failure).</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-usage-").FullName;
    private readonly string _input;
    private readonly KeyFilePaths _key;

    public UsageErrorTests()
    {
        _input = Path.Combine(_directory, "input.bin");
        File.WriteAllBytes(_input, [1, 0, 0, 0]);
        using var key = SecretKey.Generate();
        _key = KeyFile.WriteNew(key, _directory, "alice");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<(int, string, string)> SubmitAsync(params string[] extra) => CliRunner.RunAsync(
        ["compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", _input, "--key", _key.SecretKeyPath, "--server", "http://127.0.0.1:1", .. extra]);

    [Theory]
    [InlineData("--replication", "abc", "--replication must be a positive number of validators, not 'abc'")]
    [InlineData("--replication", "0", "--replication must be a positive number of validators, not '0'")]
    [InlineData("--fuel", "lots", "--fuel must be a positive number of fuel units, not 'lots'")]
    [InlineData("--max-memory", "1000", "--max-memory must be a multiple of 65536 bytes")]
    [InlineData("--timeout", "-1", "--timeout must be a positive number of seconds, not '-1'")]
    public async Task A_value_that_does_not_parse_is_one_line_with_exit_code_2(string option, string value, string message)
    {
        OneLine.AssertError(await SubmitAsync(option, value), 2, "paraloom compute submit: ", message);
    }

    [Fact]
    public async Task Migrating_a_data_directory_without_a_store_is_refused_and_creates_nothing()
    {
        var typo = Path.Combine(_directory, "typo-dir");

        OneLine.AssertError(await CliRunner.RunAsync("db", "migrate", "--data", typo), 2, "paraloom db migrate: ", "there is no store at", typo);
        Assert.False(Directory.Exists(typo));
    }

    [Fact]
    public async Task A_server_that_is_not_a_url_is_one_line_with_exit_code_2()
    {
        OneLine.AssertError(await CliRunner.RunAsync("compute", "status", "job-1", "--server", "localhost:5700"), 2,
            "paraloom compute status: ", "--server must be an http(s) URL, not 'localhost:5700'");
    }

    [Fact]
    public async Task An_unknown_option_is_one_line_with_exit_code_2()
    {
        OneLine.AssertError(await SubmitAsync("--replicas", "3"), 2, "paraloom compute submit: ", "--replicas");
    }

    [Fact]
    public async Task A_directory_given_as_the_module_says_so()
    {
        var run = await CliRunner.RunAsync("compute", "submit", "--wasm", _directory, "--input", _input, "--key", _key.SecretKeyPath);
        OneLine.AssertError(run, 2, "paraloom compute submit: ", $"--wasm: {_directory} is a directory; it needs a file.");
    }

    [Fact]
    public async Task A_missing_input_names_the_option()
    {
        var missing = Path.Combine(_directory, "absent.bin");
        var run = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", missing, "--key", _key.SecretKeyPath);
        OneLine.AssertError(run, 2, "paraloom compute submit: ", $"--input: no file at {missing}.");
    }

    [Fact]
    public async Task A_public_key_given_as_the_key_says_it_is_the_public_half()
    {
        var run = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", _input, "--key", _key.PublicKeyPath);
        OneLine.AssertError(run, 2, "paraloom compute submit: ", $"--key: {_key.PublicKeyPath} is a public key", "NAME.key");
        Assert.DoesNotContain("chmod", run.Error);
    }

    [Fact]
    public async Task A_missing_key_says_how_to_make_one()
    {
        var missing = Path.Combine(_directory, "nobody.key");
        var run = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", _input, "--key", missing);
        OneLine.AssertError(run, 2, "paraloom compute submit: ", "paraloom keys new");
    }

    [Fact]
    public async Task A_file_given_as_the_localnet_data_directory_says_so()
    {
        var run = await CliRunner.RunAsync("localnet", "--data", _input, "--port", "0");
        OneLine.AssertError(run, 2, "paraloom localnet: ", $"--data: {_input} is a file; it needs a directory");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_with_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await ParaloomProcess.RunAsync(new Dictionary<string, string>(), "localnet", "--port", port.ToString(), "--data", Path.Combine(_directory, "net"));

        OneLine.AssertError(run, 1, "paraloom localnet: ", $"127.0.0.1:{port}", "address already in use", "--port 0");
    }

    [Fact]
    public async Task A_misconfigured_setting_is_one_line_with_exit_code_1()
    {
        var run = await ParaloomProcess.RunAsync(new Dictionary<string, string> { ["PARALOOM_VALIDATORS"] = "three" },
            "localnet", "--port", "0", "--data", Path.Combine(_directory, "net"));

        OneLine.AssertError(run, 1, "paraloom localnet: ", "'three'", "Paraloom:Validators");
    }

    [Fact]
    public async Task A_stopped_silo_is_one_line_with_exit_code_1()
    {
        OneLine.AssertError(await SubmitAsync(), 1, "paraloom compute submit: ", "cannot reach the silo at http://127.0.0.1:1/");
    }

    [Theory]
    [InlineData("compute", "submit")]
    [InlineData("compute", "wait")]
    [InlineData("compute", "status")]
    [InlineData("compute", "result")]
    [InlineData("keys", "new")]
    [InlineData("localnet")]
    [InlineData("demo")]
    [InlineData("wasm", "run")]
    public async Task Every_option_shows_its_default_at_most_once(params string[] command)
    {
        var (exit, output, _) = await CliRunner.RunAsync([.. command, "--help"]);

        Assert.Equal(0, exit);
        Assert.All(output.Split('\n'), line => Assert.True(
            System.Text.RegularExpressions.Regex.Count(line, "default", System.Text.RegularExpressions.RegexOptions.IgnoreCase) <= 1, line));
    }

    [Fact]
    public async Task Help_prints_each_default_once_and_does_not_wrap_into_a_pipe()
    {
        var (exit, output, _) = await ParaloomProcess.RunAsync(new Dictionary<string, string>(), "compute", "submit", "--help");

        Assert.Equal(0, exit);
        var server = Assert.Single(output.Split('\n'), line => line.TrimStart().StartsWith("--server", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server, "default"));
        Assert.Contains("[default: http://127.0.0.1:5700/]", server);
        var noWait = Assert.Single(output.Split('\n'), line => line.TrimStart().StartsWith("--no-wait", StringComparison.Ordinal));
        Assert.True(noWait.Length > 80, noWait);
        Assert.Contains("to hand out its key", noWait);
        Assert.DoesNotContain('\u001b', output);
    }
}
