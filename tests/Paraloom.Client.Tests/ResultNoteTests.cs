using System.Text.Json.Nodes;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// The SDK opens a private result's note and checks the opening against the note the cohort signed; a forwarder over
/// real HTTP that swaps the note in the receipt is caught, by the signatures when the network key is pinned and by the
/// opening when it is not.
/// </summary>
public sealed class ResultNoteTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task A_private_result_carries_its_opened_note()
    {
        var jobId = await RunPrivateSumAsync(20, 22);

        var result = await Client.GetResultAsync(jobId, Requester, Patience.Token);

        var note = result.Note!;
        Assert.Equal((NoteKind.Amount, 42UL), (note.Kind, note.Amount!.Value));
        Assert.Null(note.Data);
        Assert.Null(note.Position);
        Assert.Equal(JobReceipt.FromBytes(result.Receipt.Span).Note, note.Commitment);
        Assert.True(note.Opening.Opens(note.Commitment));
    }

    [Fact]
    public async Task A_public_result_has_no_note()
    {
        var jobId = await Client.SubmitAsync(
            Job.Builder().Wasm(Repository.Program("echo")).Input("public"u8.ToArray()).RequestedBy(Requester).Build(), Patience.Token);
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);

        Assert.Null((await Client.GetResultAsync(jobId, Requester, Patience.Token)).Note);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_receipt_whose_note_was_swapped_is_refused(bool pinned)
    {
        var jobId = await RunPrivateSumAsync(5, 6);
        using var minted = NoteOpening.OfAmount(1_000_000, Blinding.Random());
        var forged = minted.Commit().ToBytes();
        await using var proxy = await RewritingProxy.StartAsync(Silo.Server.CreateHandler(), Silo.Server.BaseAddress, result =>
        {
            var receipt = Convert.FromBase64String(result["receipt"]!.GetValue<string>());
            var honest = JobReceipt.FromBytes(receipt).Note!.ToBytes();
            // Every vote's copy of the note, so the receipt still parses: only what the votes signed or what opens it can tell.
            for (var at = receipt.AsSpan().IndexOf(honest); at >= 0; at = receipt.AsSpan().IndexOf(honest))
            {
                forged.CopyTo(receipt, at);
            }
            result["receipt"] = Convert.ToBase64String(receipt);
        });
        using var proxied = new ParaloomClient(new HttpClient { BaseAddress = proxy.Address })
        {
            NetworkKey = pinned ? TestNetwork.Authority.PublicKey : null,
        };

        var refused = await Assert.ThrowsAsync<UnverifiedResultException>(() => proxied.GetResultAsync(jobId, Requester, Patience.Token));

        Assert.Contains(pinned ? "does not verify" : "does not open the note", refused.Reason, StringComparison.Ordinal);
    }

    private async Task<string> RunPrivateSumAsync(uint a, uint b)
    {
        using var job = Job.Builder().Wasm(Repository.Program("sum")).PrivateInput(ProgramInputs.Numbers(a, b), Requester.PublicKey)
            .WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        await Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token);
        return jobId;
    }
}
