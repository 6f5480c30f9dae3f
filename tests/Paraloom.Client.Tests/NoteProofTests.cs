using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// The SDK's note inclusion proof, over HTTP and the Orleans gateway, checked before it is returned: a forwarder over
/// real HTTP that rewrites the path, position, size, root or leaf is caught, and the note is the receipt's.
/// </summary>
public sealed class NoteProofTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task The_proof_leads_from_the_note_of_the_verified_receipt_to_the_root_on_both_transports()
    {
        var jobId = await RunPrivateSumAsync(20, 22);
        using var host = await Silo.ConnectGatewayAsync();
        using var gateway = new ParaloomClient(host.Services.GetRequiredService<Orleans.IClusterClient>()) { NetworkKey = TestNetwork.Authority.PublicKey };
        var note = (await Client.GetResultAsync(jobId, Requester, Patience.Token)).Note!.Commitment;

        var overHttp = await Pinned(Silo.CreateClient()).GetNoteProofAsync(jobId, Requester, Patience.Token);
        var overGateway = await gateway.GetNoteProofAsync(jobId, Requester, Patience.Token);

        foreach (var proof in new[] { overHttp, overGateway })
        {
            Assert.Equal(note, proof.Note);
            Assert.True(proof.Position < proof.TreeSize);
            Assert.Equal(proof.Root.ToArray(), proof.Path.RootFrom(NoteTreeHash.Leaf(note)));
        }
        Assert.Equal(overHttp.Position, overGateway.Position);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("position")]
    [InlineData("treeSize")]
    [InlineData("root")]
    [InlineData("note")]
    public async Task A_rewritten_proof_is_refused(string field)
    {
        var jobId = await RunPrivateSumAsync(5, 6);
        await RunPrivateSumAsync(1, 2);
        using var minted = NoteOpening.OfAmount(1_000_000, Blinding.Random());
        await using var proxy = await RewritingProxy.StartAsync(Silo.Server.CreateHandler(), Silo.Server.BaseAddress, proof =>
        {
            switch (field)
            {
                case "path":
                    proof["path"]![3] = Convert.ToHexStringLower(new byte[NoteTreeHash.Size]);
                    break;
                case "position":
                    proof["position"] = proof["position"]!.GetValue<long>() ^ 1;
                    break;
                case "treeSize":
                    proof["treeSize"] = proof["position"]!.GetValue<long>();
                    break;
                case "root":
                    proof["root"] = Convert.ToHexStringLower(NoteTreeHash.Empty(NoteTreeHash.Depth));
                    break;
                default:
                    proof["note"] = minted.Commit().ToHex();
                    break;
            }
        }, "/note-proof");
        using var proxied = Pinned(new HttpClient { BaseAddress = proxy.Address });

        var refused = await Assert.ThrowsAsync<UnverifiedNoteProofException>(() => proxied.GetNoteProofAsync(jobId, Requester, Patience.Token));

        Assert.Equal(jobId, refused.JobId);
        Assert.Contains(field == "note" ? "not the note the receipt's votes signed" : "does not lead from the note", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_job_has_no_note_to_prove_on_either_transport()
    {
        var jobId = await Client.SubmitAsync(
            Job.Builder().Wasm(Repository.Program("echo")).Input("public"u8.ToArray()).RequestedBy(Requester).Build(), Patience.Token);
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        using var host = await Silo.ConnectGatewayAsync();
        using var gateway = new ParaloomClient(host.Services.GetRequiredService<Orleans.IClusterClient>());

        foreach (var client in new[] { Client, gateway })
        {
            var refused = await Assert.ThrowsAsync<ParaloomApiException>(() => client.GetNoteProofAsync(jobId, Requester, Patience.Token));
            Assert.Equal((409, "no-note"), (refused.Status, refused.Error));
        }
    }

    private static ParaloomClient Pinned(HttpClient http) => new(http) { NetworkKey = TestNetwork.Authority.PublicKey };

    private async Task<string> RunPrivateSumAsync(uint a, uint b)
    {
        using var job = Job.Builder().Wasm(Repository.Program("sum")).PrivateInput(ProgramInputs.Numbers(a, b), Requester.PublicKey)
            .WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        await Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token);
        return jobId;
    }
}
