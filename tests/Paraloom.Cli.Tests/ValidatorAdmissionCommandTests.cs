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

    /// <summary>
    /// The authority revokes one of a running silo's validators: the revocation file posted to the silo drops it at once and
    /// for good (after a restart it registers again and is refused); one signed by another authority, or not a revocation
    /// at all, is refused and drops nothing.
    /// </summary>
    [Fact]
    public async Task A_revocation_posted_to_a_silo_process_drops_its_validator_for_good()
    {
        var data = Path.Combine(_directory, "revoking");
        var network = Path.Combine(data, "network");
        var foreign = Path.Combine(_directory, "foreign");
        Assert.Equal(0, (await CliRunner.RunAsync("network", "init", foreign)).Exit);
        string revokedId;
        await using (var silo = LocalnetProcess.On(data))
        {
            await silo.InitializeAsync();
            using var http = new HttpClient { BaseAddress = silo.Url };
            string Revoke(string slot, string by, string @out)
            {
                var (exit, _, error) = CliRunner.RunAsync("validators", "revoke", "--network", by, Path.Combine(data, "keys", slot + ".cert"),
                    "--reason", "key compromised", "--out", Path.Combine(_directory, @out)).Result;
                Assert.True(exit == 0, error);
                return File.ReadAllText(Path.Combine(_directory, @out));
            }
            var revocation = Revoke("validator-1", network, "genuine.revocation");
            var byStranger = Revoke("validator-2", foreign, "foreign.revocation");
            revokedId = ValidatorCertificateFile.Read(Path.Combine(data, "keys", "validator-1.cert")).ValidatorId;
            HttpContent Json(string body) => new StringContent(body, System.Text.Encoding.UTF8, "application/json");

            var refused = await http.PostAsync("/v1/validators/revocations", Json(byStranger));
            var malformed = await http.PostAsync("/v1/validators/revocations", Json("""{"revocation":"0102"}"""));
            var notHex = await http.PostAsync("/v1/validators/revocations", Json("""{"revocation":"zz"}"""));
            var before = await http.GetStringAsync("/v1/validators");
            var applied = await http.PostAsync("/v1/validators/revocations", Json(revocation));
            var again = await http.PostAsync("/v1/validators/revocations", Json(revocation));
            var after = await http.GetStringAsync("/v1/validators");

            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("invalid-revocation", await refused.Content.ReadAsStringAsync());
            Assert.Contains("another authority", await refused.Content.ReadAsStringAsync());
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, notHex.StatusCode);
            Assert.Contains(revokedId, before);
            Assert.Equal(3, System.Text.Json.JsonDocument.Parse(before).RootElement.GetArrayLength());
            Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
            Assert.Contains("\"alreadyRevoked\":false", await applied.Content.ReadAsStringAsync());
            Assert.Contains("\"alreadyRevoked\":true", await again.Content.ReadAsStringAsync());
            Assert.DoesNotContain(revokedId, after);
            Assert.Equal(2, System.Text.Json.JsonDocument.Parse(after).RootElement.GetArrayLength());
        }

        await using var restarted = LocalnetProcess.On(data);
        await restarted.InitializeAsync();
        using var restartedHttp = new HttpClient { BaseAddress = restarted.Url };

        Assert.DoesNotContain(revokedId, await restartedHttp.GetStringAsync("/v1/validators"));
        Assert.Contains($"Validator {revokedId} (key slot validator-1) is not admitted", restarted.Output);
        Assert.Contains("revoked it", restarted.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
