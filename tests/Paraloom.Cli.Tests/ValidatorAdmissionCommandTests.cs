using Paraloom.Cli.Tests.Support;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The operator's admission path on real files and a real silo process: <c>network init</c>, <c>validators keys</c>,
/// <c>validators admit</c>; a validator whose certificate another authority signed is never listed by the silo.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ValidatorAdmissionCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-admission-").FullName;

    [Fact]
    public async Task Network_init_creates_an_owner_only_authority_key_and_refuses_to_overwrite_it()
    {
        var network = Path.Combine(_directory, "network");

        var (exit, output, _) = await CliRunner.RunAsync("network", "init", network);
        var first = await File.ReadAllTextAsync(Path.Combine(network, "authority.key"));
        var (again, _, error) = await CliRunner.RunAsync("network", "init", network);

        Assert.Equal(0, exit);
        var key = KeyFile.ReadPublicKey(Path.Combine(network, "authority.pub"));
        Assert.Contains(key.ToHex(), output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(network, "authority.key")));
        Assert.Equal(1, again);
        Assert.Contains("refusing to overwrite", error);
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(network, "authority.key")));
    }

    [Fact]
    public async Task A_silo_process_lists_only_the_validators_its_authority_admitted()
    {
        var data = Path.Combine(_directory, "silo");
        var network = Path.Combine(data, "network");
        var foreign = Path.Combine(_directory, "foreign");
        Assert.Equal(0, (await CliRunner.RunAsync("network", "init", network)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("network", "init", foreign)).Exit);
        var (listed, keys, _) = await CliRunner.RunAsync("validators", "keys", "--data", data);
        Assert.Equal(0, listed);
        var profile = keys.Split('\n')[0]["profile: ".Length..].Trim();
        string Admit(string slot, string by)
        {
            var keyFile = Path.Combine(data, "keys", slot + ".pub");
            var (exit, output, error) = CliRunner.RunAsync(
                "validators", "admit", "--network", by, keyFile, "--operator", "silo-a", "--profile", profile, "--days", "30").Result;
            Assert.True(exit == 0, error);
            Assert.Contains("admitted", output);
            return ValidatorIdentity.FromPublicKey(KeyFile.ReadPublicKey(keyFile));
        }
        var admitted = new[] { Admit("validator-1", network), Admit("validator-2", network) };
        var intruder = Admit("validator-3", foreign);

        await using var silo = LocalnetProcess.On(data);
        await silo.InitializeAsync();
        using var http = new HttpClient { BaseAddress = silo.Url };
        var validators = await http.GetStringAsync("/v1/validators");

        Assert.All(admitted, id => Assert.Contains(id, validators));
        Assert.DoesNotContain(intruder, validators);
        Assert.Contains($"network authority key {KeyFile.ReadPublicKey(Path.Combine(network, "authority.pub"))}", silo.Output);
        Assert.Contains($"Validator {intruder} (key slot validator-3) is not admitted", silo.Output);
        Assert.Contains("issued by another authority", silo.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
