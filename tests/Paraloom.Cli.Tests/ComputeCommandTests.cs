using System.Buffers.Binary;
using System.Text.Json;
using Paraloom.Cli.Tests.Support;
using Paraloom.Compute;
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
    public async Task Status_shows_a_finished_public_jobs_times_replication_and_fee_as_the_result_charged_it()
    {
        var key = NewKey("olivia");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", File("olivia.bin", Numbers(5)),
            "--replication", "3", "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        await WaitFinalisedAsync(jobId, key);

        var json = await CliRunner.RunAsync("compute", "status", jobId, "--key", key, "--server", Server, "--json");
        var text = await CliRunner.RunAsync("compute", "status", jobId, "--key", key, "--server", Server);
        var result = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--json");

        Assert.True(json.Exit == 0, json.Error);
        using var status = JsonDocument.Parse(json.Output);
        var root = status.RootElement;
        Assert.Equal(3, root.GetProperty("replication").GetInt32());
        var submittedAt = root.GetProperty("submittedAt").GetDateTimeOffset();
        var startedAt = Assert.Single(root.GetProperty("attemptStartedAt").EnumerateArray()).GetDateTimeOffset();
        var finishedAt = root.GetProperty("finishedAt").GetDateTimeOffset();
        Assert.InRange(startedAt, submittedAt, finishedAt);
        var fee = root.GetProperty("fee").GetInt64();
        Assert.InRange(fee, 1, root.GetProperty("feeHeld").GetInt64());
        Assert.Equal(fee, JsonDocument.Parse(result.Output).RootElement.GetProperty("fee").GetInt64());
        Assert.Matches(@"submitted \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", text.Output);
        Assert.Matches(@"attempt 1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", text.Output);
        Assert.Matches(@"finished  \d{4}-", text.Output);
        Assert.Contains($"fee       {fee} credits", text.Output);
    }

    [Fact]
    public async Task A_receipt_written_by_result_verifies_offline_and_a_one_byte_tampering_is_refused()
    {
        var (jobId, receipt, output) = await ReceiptOfAPublicJobAsync("erin");
        var networkKeyFile = Path.Combine(localnet.DataDirectory, "network", "authority.pub");
        var networkKey = KeyFile.ReadPublicKey(networkKeyFile).ToHex();

        var genuine = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", networkKeyFile);
        var withOutput = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", networkKey, "--output", output);
        var wrongOutput = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", networkKey, "--output", File("forged.out", Sum(4)));
        var bytes = System.IO.File.ReadAllBytes(receipt);
        bytes[^1] ^= 1;
        var tampered = await CliRunner.RunAsync("compute", "verify", File("tampered.receipt", bytes), "--network-key", networkKey);
        using var stranger = SecretKey.Generate();
        var otherNetwork = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", stranger.PublicKey.ToHex());

        Assert.True(genuine.Exit == 0, genuine.Error);
        Assert.Equal($"valid: job {jobId} attempt 1 ended Ok", genuine.Output[..$"valid: job {jobId} attempt 1 ended Ok".Length]);
        Assert.Contains($"K=3, 3 certified votes", genuine.Output);
        Assert.Contains(networkKey, genuine.Output);
        Assert.True(withOutput.Exit == 0, withOutput.Error);
        Assert.Contains("Ok, the output given", withOutput.Output);
        OneLine.AssertError(wrongOutput, 1, "paraloom compute verify: ", "its digest differs");
        OneLine.AssertError(tampered, 1, "paraloom compute verify: ", "does not verify");
        OneLine.AssertError(otherNetwork, 1, "paraloom compute verify: ", "is invalid");
    }

    /// <summary>
    /// The authority revokes a cohort member with <c>validators revoke</c>; <c>compute verify --revoked</c> then no longer
    /// counts its vote (K = 3 needs all three), unless the revocation takes effect after the statement's expiry, and a
    /// revocation by another authority revokes nothing.
    /// </summary>
    [Fact]
    public async Task A_receipt_with_a_vote_of_a_revoked_validator_is_refused_by_verify_given_the_revocation()
    {
        var (jobId, receipt, _) = await ReceiptOfAPublicJobAsync("grace");
        var network = Path.Combine(localnet.DataDirectory, "network");
        var member = Path.Combine(_directory, "member.cert");
        System.IO.File.Copy(Path.Combine(localnet.DataDirectory, "keys", "validator-1.cert"), member);
        var foreign = Path.Combine(_directory, "foreign");
        Assert.Equal(0, (await CliRunner.RunAsync("network", "init", foreign)).Exit);

        var revoked = await CliRunner.RunAsync("validators", "revoke", "--network", network, member, "--reason", "key compromised");
        var again = await CliRunner.RunAsync("validators", "revoke", "--network", network, member, "--reason", "key compromised");
        var later = await CliRunner.RunAsync("validators", "revoke", "--network", network, member, "--reason", "retired",
            "--effective-from", "9000-01-01T00:00:00Z", "--out", Path.Combine(_directory, "later.revocation"));
        var byStranger = await CliRunner.RunAsync("validators", "revoke", "--network", foreign, member, "--reason", "not ours",
            "--effective-from", "0", "--out", Path.Combine(_directory, "foreign.revocation"));
        var badTime = await CliRunner.RunAsync("validators", "revoke", "--network", network, member, "--reason", "x", "--effective-from", "soon");
        var refused = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", Path.Combine(network, "authority.pub"),
            "--revoked", Path.Combine(_directory, "member.revocation"));
        var notYet = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", Path.Combine(network, "authority.pub"),
            "--revoked", Path.Combine(_directory, "later.revocation"));
        var ignored = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", Path.Combine(network, "authority.pub"),
            "--revoked", Path.Combine(_directory, "foreign.revocation"));
        var notARevocation = await CliRunner.RunAsync("compute", "verify", receipt, "--network-key", Path.Combine(network, "authority.pub"),
            "--revoked", member);

        Assert.True(revoked.Exit == 0, revoked.Error);
        Assert.StartsWith($"revoked {ValidatorCertificateFile.Read(member).ValidatorId} from ", revoked.Output);
        OneLine.AssertError(again, 2, "paraloom validators revoke: ", "never overwritten");
        Assert.True(later.Exit == 0 && byStranger.Exit == 0, later.Error + byStranger.Error);
        OneLine.AssertError(badTime, 2, "", "--effective-from must be Unix seconds or an ISO 8601 time");
        OneLine.AssertError(refused, 1, "paraloom compute verify: ", $"the receipt of job {jobId} proves nothing", "1 more of revoked validators, not counted");
        Assert.True(notYet.Exit == 0, notYet.Error);
        Assert.Contains("knowing 1 revocation", notYet.Output);
        Assert.True(ignored.Exit == 0, ignored.Error);
        Assert.Contains("revokes nothing under this network key: it was issued by another authority", ignored.Error);
        OneLine.AssertError(notARevocation, 2, "paraloom compute verify: ", "--revoked", "not a validator revocation file");
    }

    /// <summary>
    /// localnet writes its authority's key where the CLI finds it for localnet's URL, so <c>compute result</c> checks the
    /// receipt with no option (as every other test here does); a front door that rewrites the output is refused once the
    /// key is pinned with <c>--network-key</c>, and so is a genuine result under another network's key.
    /// </summary>
    [Fact]
    public async Task Result_checks_the_receipt_under_the_pinned_network_key_and_refuses_a_rewritten_output()
    {
        var (jobId, _, _) = await ReceiptOfAPublicJobAsync("heidi");
        var key = Path.Combine(_directory, "heidi.key");
        var authority = Path.Combine(localnet.DataDirectory, "network", "authority.pub");
        await using var proxy = await Client.Tests.RewritingProxy.StartAsync(
            new HttpClientHandler(), localnet.Url, result => result["output"] = Convert.ToBase64String(Sum(999)));
        using var stranger = SecretKey.Generate();

        var pinnedByLocalnet = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--json");
        var rewritten = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", proxy.Address.ToString(), "--network-key", authority);
        var otherNetwork = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--network-key", stranger.PublicKey.ToHex());

        Assert.Equal(System.IO.File.ReadAllText(authority), System.IO.File.ReadAllText(Commands.PinnedNetworkKey.PathFor(localnet.Url)));
        Assert.Contains(Commands.PinnedNetworkKey.PathFor(localnet.Url), localnet.Output);
        Assert.True(pinnedByLocalnet.Exit == 0, pinnedByLocalnet.Error);
        OneLine.AssertError(rewritten, 1, "paraloom compute result: ", jobId, "digest");
        OneLine.AssertError(otherNetwork, 1, "paraloom compute result: ", jobId, "another authority");
    }

    /// <summary>Runs a public job as <paramref name="requester"/> and writes its output and receipt with <c>compute result</c>.</summary>
    private async Task<(string JobId, string Receipt, string Output)> ReceiptOfAPublicJobAsync(string requester)
    {
        var key = NewKey(requester);
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"),
            "--input", File($"{requester}-numbers", Numbers(1, 2)), "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        await WaitFinalisedAsync(jobId, key);
        var receipt = Path.Combine(_directory, $"{requester}.receipt");
        var output = Path.Combine(_directory, $"{requester}.out");
        var fetched = await CliRunner.RunAsync("compute", "result", jobId, "--out", output, "--receipt", receipt, "--key", key, "--server", Server);
        Assert.True(fetched.Exit == 0, fetched.Error);
        return (jobId, receipt, output);
    }

    [Fact]
    public async Task Result_prints_the_output_bytes_alone_on_stdout_and_its_json_gives_fee_and_fuel_as_numbers()
    {
        var key = NewKey("olga");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("olga.bin", "rows of text"u8.ToArray()),
            "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        await WaitFinalisedAsync(jobId, key);

        var printed = await ParaloomProcess.RunAsync(new Dictionary<string, string>(), "compute", "result", jobId, "--key", key, "--server", Server);
        var json = await CliRunner.RunAsync("compute", "result", jobId, "--key", key, "--server", Server, "--json");

        Assert.True(printed.Exit == 0, printed.Error);
        Assert.Equal("rows of text", printed.Output);
        Assert.Contains($"job       {jobId}", printed.Error);
        Assert.Contains("output: 12 bytes on standard output", printed.Error);
        Assert.True(json.Exit == 0, json.Error);
        using var result = JsonDocument.Parse(json.Output);
        Assert.Equal(JsonValueKind.Number, result.RootElement.GetProperty("fuelUsed").ValueKind);
        Assert.Equal(JsonValueKind.Number, result.RootElement.GetProperty("fee").ValueKind);
    }

    [Fact]
    public async Task Status_json_carries_the_requester_version_and_privacy_of_the_http_status()
    {
        var key = NewKey("pete");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("pete.bin", [5]),
            "--private", "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();

        var printed = await CliRunner.RunAsync("compute", "status", jobId, "--server", Server, "--json");
        using var http = new HttpClient();
        using var served = JsonDocument.Parse(await http.GetStringAsync(new Uri(localnet.Url, $"v1/jobs/{jobId}")));

        Assert.True(printed.Exit == 0, printed.Error);
        using var status = JsonDocument.Parse(printed.Output);
        Assert.Equal(served.RootElement.GetProperty("requester").GetString(), status.RootElement.GetProperty("requester").GetString());
        foreach (var fact in new[] { "moduleHash", "inputCommitment", "nonce" })
        {
            Assert.Equal(served.RootElement.GetProperty("privacy").GetProperty(fact).GetString(), status.RootElement.GetProperty("privacy").GetProperty(fact).GetString());
        }
        Assert.InRange(status.RootElement.GetProperty("version").GetInt64(), 1, served.RootElement.GetProperty("version").GetInt64());
        await WaitFinalisedAsync(jobId, key);
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
        Assert.Contains($"output: {input.Length} bytes written to {openOut}", opened.Error);
        Assert.Empty(opened.Output);
        Assert.Equal(input, System.IO.File.ReadAllBytes(openOut));
        Assert.NotEqual(input, System.IO.File.ReadAllBytes(sealedOut));

        var stranger = await CliRunner.RunAsync("compute", "result", jobId, "--decrypt", "--key", NewKey("mallory"), "--server", Server);
        OneLine.AssertError(stranger, 1, "paraloom compute result: ", "result-access-denied");
    }

    [Fact]
    public async Task Failures_are_one_line_with_exit_code_1()
    {
        var key = NewKey("carol");

        OneLine.AssertError(await CliRunner.RunAsync("compute", "status", "no-such-job", "--server", Server), 1, "paraloom compute status: ", "No job 'no-such-job'");
        OneLine.AssertError(await CliRunner.RunAsync("compute", "status", "x", "--server", "http://127.0.0.1:1"), 1, "paraloom compute status: ", "cannot reach the silo");
        OneLine.AssertError(await CliRunner.RunAsync("compute", "submit", "--wasm", File("bad.wasm", "nope"u8.ToArray()), "--input", File("in2", [1]),
            "--key", key, "--server", Server), 1, "paraloom compute submit: ", "invalid-module");
        OneLine.AssertError(await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", File("in5", [1, 0, 0, 0]),
            "--fuel", "100000000000000", "--key", key, "--server", Server), 1, "paraloom compute submit: ", "above-cap");
        OneLine.AssertError(await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", File("in6", [1, 0, 0, 0]),
            "--replication", "2", "--key", key, "--server", Server), 1, "paraloom compute submit: ", "below the network minimum of 3 validators. (422 below-minimum)");

        var (exit, _, error) = await CliRunner.RunAsync("compute", "submit", "--input", File("in4", [1]), "--server", Server);
        Assert.Equal(2, exit);
        Assert.Contains("--wasm", error);
    }

    [Fact]
    public async Task With_json_a_failure_is_one_json_line_on_stderr_with_its_code_and_nothing_on_stdout()
    {
        var unknown = await CliRunner.RunAsync("compute", "status", "no-such-job", "--server", Server, "--json");
        var unreachable = await CliRunner.RunAsync("compute", "status", "x", "--server", "http://127.0.0.1:1", "--json");
        var invalid = await CliRunner.RunAsync("compute", "submit", "--wasm", File("bad-json.wasm", "nope"u8.ToArray()), "--input", File("in-json", [1]),
            "--key", NewKey("judy"), "--server", Server, "--json");

        var refusal = JsonFailure(unknown);
        Assert.Equal("paraloom compute status", refusal.GetProperty("command").GetString());
        Assert.Equal("unknown-job", refusal.GetProperty("error").GetString());
        Assert.Equal(404, refusal.GetProperty("status").GetInt32());
        Assert.Contains("No job 'no-such-job'", refusal.GetProperty("message").GetString());
        var noAnswer = JsonFailure(unreachable);
        Assert.Equal("unreachable", noAnswer.GetProperty("error").GetString());
        Assert.False(noAnswer.TryGetProperty("status", out _));
        Assert.Equal((422, "invalid-module"), (JsonFailure(invalid).GetProperty("status").GetInt32(), JsonFailure(invalid).GetProperty("error").GetString()));
    }

    private static JsonElement JsonFailure((int Exit, string Output, string Error) run)
    {
        Assert.Equal(1, run.Exit);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public async Task Wait_follows_a_job_submitted_without_waiting_to_its_end_and_prints_json()
    {
        var key = NewKey("dave");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("dave.bin", "rows"u8.ToArray()),
            "--private", "--no-wait", "--key", key, "--server", Server, "--json");
        Assert.True(submitted.Exit == 0, submitted.Error);
        using var accepted = JsonDocument.Parse(submitted.Output);
        var jobId = accepted.RootElement.GetProperty("jobId").GetString()!;
        Assert.NotEqual("Finalised", accepted.RootElement.GetProperty("state").GetString());

        var (exit, output, error) = await CliRunner.RunAsync("compute", "wait", jobId, "--key", key, "--server", Server, "--json");

        Assert.True(exit == 0, error);
        using var final = JsonDocument.Parse(output);
        Assert.Equal("Finalised", final.RootElement.GetProperty("state").GetString());
        Assert.Equal("Ok", final.RootElement.GetProperty("result").GetString());
        Assert.Contains($"job {jobId}: finalised at attempt 1", error);
    }

    [Fact]
    public async Task A_job_that_traps_prints_the_trap_and_exits_1()
    {
        var key = NewKey("erin");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("trap"), "--input", File("erin.bin", [1]),
            "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();

        var waited = await CliRunner.RunAsync("compute", "wait", jobId, "--key", key, "--server", Server);
        var result = await CliRunner.RunAsync("compute", "result", jobId, "--out", Path.Combine(_directory, "erin.out"), "--key", key, "--server", Server);
        var status = await CliRunner.RunAsync("compute", "status", jobId, "--key", key, "--server", Server);
        var stranger = await CliRunner.RunAsync("compute", "status", jobId, "--key", NewKey("erins-neighbour"), "--server", Server);

        Assert.Equal(1, waited.Exit);
        Assert.Contains("result    Trap (Unreachable)", waited.Output);
        Assert.EndsWith($"paraloom compute wait: job {jobId} ended in a trap: Unreachable", waited.Error.TrimEnd());
        Assert.Equal(1, result.Exit);
        Assert.Contains("status    Trap (Unreachable)", result.Error);
        Assert.EndsWith($"\nparaloom compute result: job {jobId} ended in a trap: Unreachable", result.Error.TrimEnd());
        Assert.Empty(result.Output);
        Assert.Equal(1, status.Exit);
        Assert.Contains("result    Trap (Unreachable)", status.Output);
        Assert.Equal($"paraloom compute status: job {jobId} ended in a trap: Unreachable", status.Error.TrimEnd());
        // Only the requester may read the result: anyone else sees the job finalised, read-only.
        Assert.Equal(0, stranger.Exit);
        Assert.Contains("state     Finalised", stranger.Output);
    }

    [Fact]
    public async Task On_a_terminal_a_private_submit_redraws_one_status_line_while_it_waits()
    {
        var key = NewKey("heidi");

        var (exit, output, error) = await ParaloomProcess.RunInTerminalAsync(new Dictionary<string, string>(),
            "compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("heidi.bin", [9]), "--private", "--key", key, "--server", Server);

        Assert.True(exit == 0, output + error);
        // A spinner frame, then the line drawn again over itself; the last status stays on its own line.
        Assert.Matches(@"\r[|/\\-] job [0-9a-f]{32}: ", output);
        Assert.Matches(@"\rjob [0-9a-f]{32}: [^\r\n]*(holds the job key|executing|finalised)[^\r\n]*\r?\n[0-9a-f]{32}\r?\n", output);
    }

    [Fact]
    public async Task Status_with_a_key_that_is_not_the_requesters_shows_the_job_read_only()
    {
        var owner = NewKey("frank");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("frank.bin", [7]),
            "--private", "--key", owner, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();

        var (exit, output, error) = await CliRunner.RunAsync("compute", "status", jobId, "--key", NewKey("grace"), "--server", Server);

        Assert.True(exit == 0, error);
        Assert.Contains($"job       {jobId} (private)", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Status_hands_out_no_keys_unless_asked_with_hand_out()
    {
        var owner = NewKey("ivan");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("ivan.bin", [3]),
            "--private", "--no-wait", "--key", owner, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();

        var looked = await CliRunner.RunAsync("compute", "status", jobId, "--key", owner, "--server", Server, "--json");
        var lookedAgain = await CliRunner.RunAsync("compute", "status", jobId, "--key", owner, "--server", Server);
        var stranger = await CliRunner.RunAsync("compute", "status", jobId, "--hand-out", "--key", NewKey("judy"), "--server", Server);
        var handedOut = await CliRunner.RunAsync("compute", "status", jobId, "--hand-out", "--key", owner, "--server", Server, "--json");

        Assert.True(looked.Exit == 0, looked.Error);
        Assert.True(JsonDocument.Parse(looked.Output).RootElement.GetProperty("awaitingKeys").GetBoolean());
        Assert.Contains("keys      awaited: --hand-out hands them to the cohort", lookedAgain.Output);
        OneLine.AssertError(stranger, 1, "paraloom compute status: ", "not-the-requester");
        Assert.True(handedOut.Exit == 0, handedOut.Error);
        using var after = JsonDocument.Parse(handedOut.Output);
        Assert.False(after.RootElement.GetProperty("awaitingKeys").GetBoolean());
        Assert.NotEqual("Rejected", after.RootElement.GetProperty("state").GetString());
        await WaitFinalisedAsync(jobId, owner);
    }

    [Fact]
    public async Task Cancel_ends_a_waiting_job_for_its_requester_and_wait_and_a_second_cancel_say_it_ended()
    {
        var owner = NewKey("peggy");
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File("peggy.bin", [4]),
            "--private", "--no-wait", "--key", owner, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();

        var stranger = await CliRunner.RunAsync("compute", "cancel", jobId, "--key", NewKey("mallory"), "--server", Server);
        var cancelled = await CliRunner.RunAsync("compute", "cancel", jobId, "--key", owner, "--server", Server, "--json");
        var waited = await CliRunner.RunAsync("compute", "wait", jobId, "--key", owner, "--server", Server);
        var again = await CliRunner.RunAsync("compute", "cancel", jobId, "--key", owner, "--server", Server);

        OneLine.AssertError(stranger, 1, "paraloom compute cancel: ", "cancel-denied");
        Assert.True(cancelled.Exit == 0, cancelled.Error);
        Assert.Equal("Cancelled", JsonDocument.Parse(cancelled.Output).RootElement.GetProperty("state").GetString());
        Assert.Equal(1, waited.Exit);
        Assert.Contains("state     Cancelled", waited.Output);
        Assert.EndsWith($"paraloom compute wait: job {jobId} was cancelled by its requester", waited.Error.TrimEnd());
        OneLine.AssertError(again, 1, "paraloom compute cancel: ", "already ended (Cancelled)");
    }

    [Fact]
    public async Task List_shows_the_keys_jobs_oldest_first_and_a_key_without_jobs_is_told_so()
    {
        var owner = NewKey("olivia");
        var ids = new List<string>();
        foreach (var input in new byte[] { 1, 2 })
        {
            var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", File($"olivia-{input}.bin", [input]),
                "--key", owner, "--server", Server);
            Assert.True(submitted.Exit == 0, submitted.Error);
            ids.Add(submitted.Output.Trim());
        }
        await WaitFinalisedAsync(ids[1], owner);

        var listed = await CliRunner.RunAsync("compute", "list", "--key", owner, "--server", Server);
        var json = await CliRunner.RunAsync("compute", "list", "--key", owner, "--server", Server, "--json");
        var nobody = await CliRunner.RunAsync("compute", "list", "--key", NewKey("nobody"), "--server", Server);

        Assert.True(listed.Exit == 0, listed.Error);
        var rows = listed.Output.TrimEnd().Split('\n');
        Assert.StartsWith("job ", rows[0]);
        Assert.Equal(ids, rows[1..].Select(row => row.Split(' ')[0]));
        Assert.Contains(" public ", rows[2]);
        Assert.Contains(" Finalised ", rows[2]);
        Assert.EndsWith(" credits", rows[2]);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(ids, document.RootElement.EnumerateArray().Select(job => job.GetProperty("jobId").GetString()));
        Assert.Equal((0, "no jobs stored for this key"), (nobody.Exit, nobody.Output.Trim()));
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
