using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Paraloom.Cli.Commands;
using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Cli.Tests;

/// <summary>
/// Accounts on a real localnet process: the CLI shows a requester's balance and the fee its job was charged, the network
/// authority's grant adds to it, and every attack fails over the real HTTP port and the real Orleans gateway: a grant
/// another key signed, an account read with a stranger's signature, an account ledger step called by a client.
/// </summary>
public sealed class AccountCommandTests(GatewayLocalnet localnet) : IClassFixture<GatewayLocalnet>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-accounts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Server => localnet.Process.Url.ToString();

    [Fact]
    public async Task Accounts_show_gives_the_balance_after_a_jobs_fee_and_a_grant_by_the_authority_adds_to_it_once()
    {
        var (key, publicKey) = NewKey("alice");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("rows", "rows"u8.ToArray()),
            "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        var waited = await CliRunner.RunAsync("compute", "wait", jobId, "--key", key, "--server", Server);
        Assert.True(waited.Exit == 0, waited.Error);
        var result = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--json");
        var fee = JsonDocument.Parse(result.Output).RootElement.GetProperty("fee").GetInt64();

        var shown = await CliRunner.RunAsync("accounts", "show", "--key", key, "--server", Server, "--json");
        var text = await CliRunner.RunAsync("accounts", "show", "--key", key, "--server", Server);
        var granted = await CliRunner.RunAsync("accounts", "grant", publicKey, "5000", "--network", localnet.NetworkDirectory, "--server", Server, "--json");
        var grantedText = await CliRunner.RunAsync("accounts", "grant", publicKey, "7", "--network", localnet.NetworkDirectory, "--server", Server);
        var after = await CliRunner.RunAsync("accounts", "show", "--key", key, "--server", Server, "--json");

        Assert.True(shown.Exit == 0, shown.Error);
        using var account = JsonDocument.Parse(shown.Output);
        Assert.True(fee > 0);
        Assert.Equal(LocalSilo.NewcomerCredits - fee, account.RootElement.GetProperty("credits").GetInt64());
        Assert.Equal(0, account.RootElement.GetProperty("held").GetInt64());
        Assert.Equal(["Grant", "Hold", "Charge", "Refund"],
            account.RootElement.GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("kind").GetString()));
        Assert.True(text.Exit == 0, text.Error);
        Assert.Contains($"credits   {LocalSilo.NewcomerCredits - fee} to spend", text.Output);
        Assert.Matches($@"charge   {fee}  job {jobId} attempt 1", text.Output);
        Assert.True(granted.Exit == 0, granted.Error);
        using var grant = JsonDocument.Parse(granted.Output);
        Assert.True(grant.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal(5000, grant.RootElement.GetProperty("credits").GetInt64());
        Assert.True(grantedText.Exit == 0, grantedText.Error);
        Assert.StartsWith($"granted 7 credits to {publicKey} (grant ", grantedText.Output);
        Assert.Equal(LocalSilo.NewcomerCredits - fee + 5007, JsonDocument.Parse(after.Output).RootElement.GetProperty("credits").GetInt64());
    }

    [Fact]
    public async Task A_grant_signed_by_another_authority_is_refused_by_the_cli_and_over_http_and_nothing_is_added()
    {
        var (key, publicKey) = NewKey("mallory");
        var foreign = Path.Combine(_directory, "foreign-network");
        Assert.Equal(0, (await CliRunner.RunAsync("network", "init", foreign)).Exit);
        using var impostor = KeyFile.ReadSecretKey(NetworkAuthority.SecretKeyPath(foreign));
        var before = await ReadCreditsAsync(key);

        var refused = await CliRunner.RunAsync("accounts", "grant", publicKey, "1000000", "--network", foreign, "--server", Server);
        using var http = new HttpClient { BaseAddress = localnet.Process.Url };
        var forged = CreditGrant.Issue(impostor, KeyFile.ReadPublicKey(Path.ChangeExtension(key, ".pub")), 1_000_000, DateTimeOffset.UtcNow.AddDays(1));
        var posted = await http.PostAsJsonAsync("v1/accounts/grants", new { grant = forged.ToBytes() });
        var malformed = await http.PostAsJsonAsync("v1/accounts/grants", new { grant = new byte[] { 1, 2, 3 } });

        OneLine.AssertError(refused, 1, "paraloom accounts grant: ", "not signed by the network authority", "422 invalid-credit-grant");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Equal("invalid-credit-grant", await ErrorOf(posted));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal("invalid-credit-grant", await ErrorOf(malformed));
        Assert.Equal(before, await ReadCreditsAsync(key));
    }

    [Fact]
    public async Task Over_http_an_account_is_read_only_with_its_owners_signature_over_a_fresh_challenge()
    {
        var (key, publicKey) = NewKey("victor");
        await ReadCreditsAsync(key);
        using var owner = KeyFile.ReadSecretKey(key);
        using var stranger = SecretKey.Generate();
        using var http = new HttpClient { BaseAddress = localnet.Process.Url };

        var strangers = await ReadAsync(http, publicKey, challenge => AccountAuthorization.Sign(stranger, publicKey, challenge));
        // The owner's signature of a result fetch over the same bytes is no account read.
        var resultSignature = await ReadAsync(http, publicKey, challenge => ResultAuthorization.Sign(owner, publicKey, challenge));
        var upperCase = await http.PostAsync($"v1/accounts/{publicKey.ToUpperInvariant()}/challenge", null);
        var owners = await ReadAsync(http, publicKey, challenge => AccountAuthorization.Sign(owner, publicKey, challenge));

        Assert.Equal((HttpStatusCode.Forbidden, "result-access-denied"), (strangers.StatusCode, await ErrorOf(strangers)));
        Assert.Equal((HttpStatusCode.Forbidden, "result-access-denied"), (resultSignature.StatusCode, await ErrorOf(resultSignature)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-account-key"), (upperCase.StatusCode, await ErrorOf(upperCase)));
        Assert.Equal(HttpStatusCode.OK, owners.StatusCode);
        Assert.Equal("no-store", owners.Headers.CacheControl?.ToString());
        Assert.Equal(LocalSilo.NewcomerCredits, JsonDocument.Parse(await owners.Content.ReadAsStringAsync()).RootElement.GetProperty("credits").GetInt64());
    }

    [Fact]
    public async Task Through_the_gateway_the_sdk_reads_the_account_and_a_foreign_grant_a_strangers_read_and_ledger_steps_are_refused()
    {
        var (key, publicKey) = NewKey("gary");
        using var owner = KeyFile.ReadSecretKey(key);
        using var stranger = SecretKey.Generate();
        using var impostor = SecretKey.Generate();
        using var host = await ConnectGatewayAsync();
        var client = host.Services.GetRequiredService<IParaloomClient>();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var before = await client.GetAccountAsync(owner);

        var forged = await Assert.ThrowsAsync<ValidationException>(() =>
            client.GrantCreditsAsync(CreditGrant.Issue(impostor, owner.PublicKey, 1_000_000, DateTimeOffset.UtcNow.AddDays(1))));
        var account = grains.GetGrain<IAccountGrain>(publicKey);
        var challenge = await account.CreateReadChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.GetAsync(challenge, AccountAuthorization.Sign(stranger, publicKey, challenge.Nonce.Span)));
        // The internal ledger: a hold of everything under a job id of the attacker's, and its release.
        var ledger = Type.GetType("Paraloom.Grains.IAccountLedger, Paraloom.Grains", throwOnError: true)!;
        var hold = Activator.CreateInstance(Type.GetType("Paraloom.Grains.AccountHold, Paraloom.Grains", throwOnError: true)!, "forged-hold", before.Credits, true)!;
        await Assert.ThrowsAsync<CallNotAllowedException>(() => (Task)ledger.GetMethod("HoldAsync")!.Invoke(grains.GetGrain(ledger, publicKey), [hold])!);
        await Assert.ThrowsAsync<CallNotAllowedException>(() => (Task)ledger.GetMethod("ReleaseAsync")!.Invoke(grains.GetGrain(ledger, publicKey), ["forged-hold"])!);
        var after = await client.GetAccountAsync(owner);

        Assert.Equal((422, "invalid-credit-grant"), (forged.Status, forged.Error));
        Assert.Equal((LocalSilo.NewcomerCredits, 0L), (before.Credits, before.Held));
        Assert.Equal((before.Credits, before.Held, before.History.Count), (after.Credits, after.Held, after.History.Count));
    }

    [Fact]
    public async Task Accounts_commands_refuse_what_cannot_work_with_one_line()
    {
        var (key, _) = NewKey("nina");

        var zero = await CliRunner.RunAsync("accounts", "grant", "ab", "0", "--network", localnet.NetworkDirectory, "--server", Server);
        var notAKey = await CliRunner.RunAsync("accounts", "grant", "not-a-key", "5", "--network", localnet.NetworkDirectory, "--server", Server);
        var noAuthority = await CliRunner.RunAsync("accounts", "grant", Path.ChangeExtension(key, ".pub"), "5", "--network", _directory, "--server", Server);
        var publicKeyFile = await CliRunner.RunAsync("accounts", "show", "--key", Path.ChangeExtension(key, ".pub"), "--server", Server);
        var unearned = await CliRunner.RunAsync("accounts", "show", "--validator", "--key", key, "--server", Server);

        OneLine.AssertError(zero, 2, "paraloom accounts grant: ", "CREDITS must be a positive number");
        OneLine.AssertError(notAKey, 2, "paraloom accounts grant: ", "neither a public key in hex nor a public key file");
        OneLine.AssertError(noAuthority, 2, "paraloom accounts grant: ", "holds no authority.key");
        OneLine.AssertError(publicKeyFile, 2, "paraloom accounts show: ");
        OneLine.AssertError(unearned, 1, "paraloom accounts show: ", "earned nothing yet", "403 result-access-denied");
    }

    private async Task<IHost> ConnectGatewayAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(cluster =>
        {
            cluster.GatewayPort = localnet.GatewayPort;
            cluster.CertificateAuthorityFile = Path.Combine(localnet.TlsDirectory, "ca.crt");
            cluster.CertificateFile = Path.Combine(localnet.TlsDirectory, "client.crt");
            cluster.KeyFile = Path.Combine(localnet.TlsDirectory, "client.key");
        }));
        builder.Services.AddParaloomClient(options => options.Transport = ParaloomTransport.Orleans);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<HttpResponseMessage> ReadAsync(HttpClient http, string accountKey, Func<byte[], SchnorrSignature> sign)
    {
        var challenge = await http.PostAsync($"v1/accounts/{accountKey}/challenge", null);
        challenge.EnsureSuccessStatusCode();
        var nonce = Convert.FromHexString(JsonDocument.Parse(await challenge.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString()!);
        return await http.GetAsync($"v1/accounts/{accountKey}?challenge={Convert.ToHexStringLower(nonce)}&signature={sign(nonce).ToHex()}");
    }

    private async Task<long> ReadCreditsAsync(string key)
    {
        var shown = await CliRunner.RunAsync("accounts", "show", "--key", key, "--server", Server, "--json");
        Assert.True(shown.Exit == 0, shown.Error);
        return JsonDocument.Parse(shown.Output).RootElement.GetProperty("credits").GetInt64();
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();

    private (string SecretKeyPath, string PublicKeyHex) NewKey(string name)
    {
        using var key = SecretKey.Generate();
        return (KeyFile.WriteNew(key, _directory, name).SecretKeyPath, key.PublicKey.ToHex());
    }

    private string File(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }
}
