using Paraloom.Compute;
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

    /// <summary>
    /// Its output and fingerprint are honest, so only the note sets its vote apart; with 3 of 3 votes needed no attempt
    /// can agree, and the job is rejected rather than finalised with either note.
    /// </summary>
    [Fact]
    public async Task AMemberThatSignsAnotherNoteDisagreesSoNoNoteIsFinalisedWithoutAThreshold()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 3, conduct: new Dictionary<string, ValidatorConduct> { [Faulty] = ValidatorConduct.WrongNote },
            configure: options => options.AttemptGrace = TimeSpan.FromSeconds(3));
        await cluster.SubmitPrivateAsync("minted", Repository.Program("sum"), ProgramInputs.Numbers(5, 6));

        var final = await cluster.WaitFinalAsync("minted");

        Assert.Equal(JobState.Rejected, final.State);
        Assert.True(final.Attempt >= 2, $"rejected at attempt {final.Attempt}");
        Assert.Null(final.Digest);
        await Assert.ThrowsAsync<ResultNotReadyException>(() => cluster.FetchResultAsync("minted"));
    }
}
