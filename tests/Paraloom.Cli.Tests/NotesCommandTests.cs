using System.Text.Json;
using Paraloom.Cli.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Testing;

namespace Paraloom.Cli.Tests;

/// <summary>
/// Output notes through the CLI against a real localnet child process: <c>compute result</c> shows the note, and a sum
/// proven by <c>notes sum</c> is checked offline by <c>notes verify-sum</c> against the jobs' receipts.
/// </summary>
public sealed class NotesCommandTests(LocalnetProcess localnet) : IClassFixture<LocalnetProcess>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-notes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Server => localnet.Url.ToString();

    private string NetworkKey => Path.Combine(localnet.DataDirectory, "network", "authority.pub");

    [Fact]
    public async Task Result_shows_the_note_and_opens_it_only_with_decrypt()
    {
        var key = NewKey("nora");
        var jobId = await RunPrivateSumAsync(key, "nora", 20, 22);

        var sealedText = await CliRunner.RunAsync("compute", "result", jobId, "--out", Path.Combine(_directory, "nora.sealed"), "--key", key, "--server", Server);
        var opened = await CliRunner.RunAsync("compute", "result", jobId, "--decrypt", "--json", "--key", key, "--server", Server);

        Assert.True(sealedText.Exit == 0, sealedText.Error);
        Assert.Matches("note +amount 0[23][0-9a-f]{64}", sealedText.Error);
        Assert.DoesNotContain("blinding", sealedText.Error);
        Assert.True(opened.Exit == 0, opened.Error);
        var note = JsonDocument.Parse(opened.Output).RootElement.GetProperty("note");
        Assert.Equal("amount", note.GetProperty("kind").GetString());
        Assert.Equal(42UL, note.GetProperty("amount").GetUInt64());
        Assert.Equal(64, note.GetProperty("blinding").GetString()!.Length);
        Assert.Equal(66, note.GetProperty("commitment").GetString()!.Length);
    }

    [Fact]
    public async Task A_sum_is_proven_by_the_requester_and_checked_offline_and_a_wrong_total_is_refused()
    {
        var key = NewKey("sam");
        string[] jobs = [await RunPrivateSumAsync(key, "sam-a", 52_000), await RunPrivateSumAsync(key, "sam-b", 61_000, 58_500)];
        var receipts = new List<string>();
        foreach (var job in jobs)
        {
            var receipt = Path.Combine(_directory, $"{job}.receipt");
            Assert.Equal(0, (await CliRunner.RunAsync("compute", "result", job, "--receipt", receipt, "--out", $"{receipt}.out", "--key", key, "--server", Server)).Exit);
            receipts.Add(receipt);
        }
        var sumFile = Path.Combine(_directory, "sum.json");

        var proven = await CliRunner.RunAsync(["notes", "sum", .. jobs, "--out", sumFile, "--key", key, "--server", Server]);
        var verified = await CliRunner.RunAsync(["notes", "verify-sum", sumFile, "--receipts", .. receipts, "--network-key", NetworkKey]);
        var wrongTotal = Rewritten(sumFile, "wrong.json", total: 171_501);
        var refused = await CliRunner.RunAsync(["notes", "verify-sum", wrongTotal, "--receipts", .. receipts, "--network-key", NetworkKey]);
        var oneReceipt = await CliRunner.RunAsync(["notes", "verify-sum", sumFile, "--receipts", receipts[0], "--network-key", NetworkKey]);
        using var stranger = SecretKey.Generate();
        var otherNetwork = await CliRunner.RunAsync(["notes", "verify-sum", sumFile, "--receipts", .. receipts, "--network-key", stranger.PublicKey.ToHex()]);

        Assert.True(proven.Exit == 0, proven.Error);
        Assert.Contains("2 notes sum to 171500", proven.Output);
        Assert.DoesNotContain("blinding", File.ReadAllText(sumFile));
        Assert.True(verified.Exit == 0, verified.Error);
        Assert.Contains("sum to 171500", verified.Output);
        OneLine.AssertError(refused, 1, "paraloom notes verify-sum: ", "do not sum to 171501");
        OneLine.AssertError(oneReceipt, 1, "paraloom notes verify-sum: ", $"no receipt was given for job {jobs[1]}");
        OneLine.AssertError(otherNetwork, 1, "paraloom notes verify-sum: ", "proves nothing");
    }

    [Fact]
    public async Task The_requester_proves_its_note_in_the_tree_and_anyone_checks_it_offline_and_a_tampered_proof_fails()
    {
        var key = NewKey("ivy");
        var jobId = await RunPrivateSumAsync(key, "ivy", 7, 8);
        var proofFile = Path.Combine(_directory, "ivy.proof.json");

        var proven = await CliRunner.RunAsync("notes", "prove", jobId, "--out", proofFile, "--key", key, "--server", Server);
        var verified = await CliRunner.RunAsync("notes", "verify", proofFile);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(proofFile))!;
        json["root"] = Convert.ToHexStringLower(new byte[32]);
        var tampered = Path.Combine(_directory, "tampered.json");
        File.WriteAllText(tampered, json.ToJsonString());
        var refused = await CliRunner.RunAsync("notes", "verify", tampered);
        var strangerKey = NewKey("eve");
        var denied = await CliRunner.RunAsync("notes", "prove", jobId, "--key", strangerKey, "--server", Server);

        Assert.True(proven.Exit == 0, proven.Error);
        Assert.Contains($"the note of job {jobId} is at position", proven.Output);
        var written = JsonDocument.Parse(File.ReadAllText(proofFile)).RootElement;
        Assert.Equal("paraloom-note-proof", written.GetProperty("format").GetString());
        Assert.Equal(32, written.GetProperty("path").GetArrayLength());
        Assert.True(verified.Exit == 0, verified.Error);
        Assert.Contains($"valid: the note of job {jobId}", verified.Output);
        Assert.Contains("not certified by validators", verified.Output);
        OneLine.AssertError(refused, 1, "paraloom notes verify: ", "the proof does not hold");
        OneLine.AssertError(denied, 1, "paraloom notes prove: ", "not the requester's");
    }

    [Fact]
    public async Task The_documented_proof_file_verifies_offline()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs", "note-tree.md"));
        var section = doc[doc.IndexOf("## Proof files", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = Path.Combine(_directory, "example.json");
        File.WriteAllText(example, section[start..section.IndexOf("```", start, StringComparison.Ordinal)]);

        var verified = await CliRunner.RunAsync("notes", "verify", example);

        Assert.True(verified.Exit == 0, verified.Error);
        Assert.Contains("is at position 4 in the tree of 5 notes", verified.Output);
    }

    [Fact]
    public async Task A_job_without_an_amount_note_cannot_be_summed()
    {
        var key = NewKey("dora");
        var input = Path.Combine(_directory, "dora.bin");
        File.WriteAllBytes(input, "not an amount"u8.ToArray());
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("echo"), "--input", input, "--private",
            "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        Assert.Equal(0, (await CliRunner.RunAsync("compute", "wait", jobId, "--key", key, "--server", Server)).Exit);

        var refused = await CliRunner.RunAsync("notes", "sum", jobId, "--out", Path.Combine(_directory, "none.json"), "--key", key, "--server", Server);

        OneLine.AssertError(refused, 1, "paraloom notes sum: ", "data note");
        Assert.False(File.Exists(Path.Combine(_directory, "none.json")));
    }

    private async Task<string> RunPrivateSumAsync(string key, string name, params uint[] values)
    {
        var input = Path.Combine(_directory, $"{name}.bin");
        File.WriteAllBytes(input, ProgramInputs.Numbers(values));
        var submitted = await CliRunner.RunAsync("compute", "submit", "--wasm", Repository.ProgramPath("sum"), "--input", input, "--private",
            "--key", key, "--server", Server);
        Assert.True(submitted.Exit == 0, submitted.Error);
        var jobId = submitted.Output.Trim();
        var waited = await CliRunner.RunAsync("compute", "wait", jobId, "--key", key, "--server", Server);
        Assert.True(waited.Exit == 0, waited.Error);
        return jobId;
    }

    private string Rewritten(string sumFile, string name, ulong total)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sumFile))!;
        json["total"] = total;
        // The proof's own total, too: a file that merely disagrees with its proof is refused before the proof is checked.
        var proof = Convert.FromHexString(json["proof"]!.GetValue<string>());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(proof, total);
        json["proof"] = Convert.ToHexStringLower(proof);
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private string NewKey(string name)
    {
        using var key = SecretKey.Generate();
        return KeyFile.WriteNew(key, _directory, name).SecretKeyPath;
    }
}
