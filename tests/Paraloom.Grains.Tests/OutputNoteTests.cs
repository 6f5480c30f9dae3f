using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Testing;

namespace Paraloom.Grains.Tests;

/// <summary>
/// Every private result is a note that the cohort computes alike, signs in its votes and the receipt carries; a member
/// that signs another note does not agree, however honest its output.
/// </summary>
public sealed class OutputNoteTests
{
    private const string Faulty = "validator-1";
    private const string Spare = "validator-4";

    [Theory]
    [InlineData("sum", NoteKind.Amount)]
    [InlineData("echo", NoteKind.Data)]
    public async Task EveryMemberOfAKThreeCohortSignsTheOneNoteTheRequesterOpens(string program, NoteKind kind)
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: 3);
        var input = program == "sum" ? ProgramInputs.Numbers(20, 22) : "rows for the echo"u8.ToArray();
        var submitted = await cluster.SubmitPrivateAsync("noted", Repository.Program(program), input);
        await cluster.WaitFinalAsync("noted");
        var result = await cluster.FetchResultAsync("noted");

        var receipt = JobReceipt.FromBytes(result.Receipt.Span);
        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement, result.Output.Span);
        var output = result.Decrypt(cluster.Requester);
        using var key = result.Privacy!.DeriveKey(cluster.Requester);
        using var opening = OutputNote.Open(key, result.Privacy.Binding, output);

        // The receipt parses only if every vote carries the same note, and verifies only if each signed it.
        Assert.Equal(3, receipt.Votes.Count);
        Assert.Equal(kind, receipt.Note!.Kind);
        Assert.True(opening.Opens(receipt.Note));
        if (kind == NoteKind.Amount)
        {
            Assert.Equal(42UL, opening.Amount);
        }
    }

    [Fact]
    public async Task AMemberThatSignsAnotherNoteDisagreesAndTheRetryFinalisesTheHonestNote()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4, conduct: new Dictionary<string, ValidatorConduct> { [Faulty] = ValidatorConduct.WrongNote },
            configure: options => options.AttemptGrace = TimeSpan.FromSeconds(3));
        await cluster.DemoteAsync(Spare);
        var submitted = await cluster.SubmitPrivateAsync("minted", Repository.Program("sum"), ProgramInputs.Numbers(5, 6));
        Assert.Contains(submitted.Cohort, member => member.ValidatorId == cluster.IdOf(Faulty));

        var final = await cluster.WaitFinalAsync("minted");
        var result = await cluster.FetchResultAsync("minted");

        // Its output and fingerprint were honest, so only the note set its vote apart: 3 of 3 could not agree.
        Assert.Equal(JobState.Finalised, final.State);
        Assert.True(final.Attempt > 1, "the first cohort, with the faulty member, agreed");
        Assert.DoesNotContain(final.Cohort, member => member.ValidatorId == cluster.IdOf(Faulty));
        var receipt = JobReceipt.FromBytes(result.Receipt.Span);
        using var key = result.Privacy!.DeriveKey(cluster.Requester);
        using var opening = OutputNote.Open(key, result.Privacy.Binding, result.Decrypt(cluster.Requester));
        Assert.True(opening.Opens(receipt.Note!));
        Assert.Equal(11UL, opening.Amount);
        // The later agreement judges the first attempt: the note it signed was not the agreed one.
        await Eventually.ReachesAsync(
            () => cluster.ReputationOfAsync(Faulty), reputation => reputation < Reputation.Initial, $"{Faulty} is penalised for its note");
    }
}
