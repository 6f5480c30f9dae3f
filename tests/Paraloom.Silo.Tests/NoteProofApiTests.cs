using System.Net;
using System.Net.Http.Json;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

/// <summary>
/// POST /v1/jobs/{id}/note-proof: the requester, with a signed fresh challenge, gets a path from its job's note (the one
/// its receipt's votes signed) to the root the tree had; anyone else, a used challenge or a job without a note is refused.
/// </summary>
public sealed class NoteProofApiTests : SiloTest
{
    [Fact]
    public async Task The_requester_gets_a_path_from_its_receipts_note_to_the_trees_root()
    {
        await RunPrivateAsync("proof-1");

        var response = await Api.NoteProofAsync("proof-1", await Api.SignedChallengeAsync("proof-1", Requester));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proof = (await response.Content.ReadFromJsonAsync<NoteProofResponse>(ApiDriver.Json))!;
        var note = NoteCommitment.FromHex(proof.Note);
        Assert.Equal(JobReceipt.FromBytes(proof.Receipt).Note, note);
        Assert.Equal("proof-1", proof.JobId);
        var path = NotePath.FromHex(proof.Position, proof.Path);
        Assert.True(path.Proves(note, proof.TreeSize, Convert.FromHexString(proof.Root)));
        Assert.False(path.Proves(note, proof.TreeSize, new byte[NoteTreeHash.Size]));
    }

    [Fact]
    public async Task Another_key_and_a_used_challenge_are_refused_and_a_public_job_has_no_note()
    {
        await RunPrivateAsync("proof-2");
        await Api.SubmitAsync(ApiDriver.PublicJob("proof-public", Repository.Program("sum"), ProgramInputs.Numbers(1), Requester));
        await Api.WaitFinalAsync("proof-public", Requester);
        using var stranger = SecretKey.Generate();

        var denied = await Api.NoteProofAsync("proof-2", await Api.SignedChallengeAsync("proof-2", stranger));
        var signed = await Api.SignedChallengeAsync("proof-2", Requester);
        Assert.Equal(HttpStatusCode.OK, (await Api.NoteProofAsync("proof-2", signed)).StatusCode);
        var replayed = await Api.NoteProofAsync("proof-2", signed);
        var none = await Api.NoteProofAsync("proof-public", await Api.SignedChallengeAsync("proof-public", Requester));

        Assert.Equal((HttpStatusCode.Forbidden, "result-access-denied"), (denied.StatusCode, (await ApiDriver.ProblemAsync(denied)).Error));
        Assert.Equal((HttpStatusCode.Forbidden, "result-access-denied"), (replayed.StatusCode, (await ApiDriver.ProblemAsync(replayed)).Error));
        Assert.Equal((HttpStatusCode.Conflict, "no-note"), (none.StatusCode, (await ApiDriver.ProblemAsync(none)).Error));
    }

    private async Task RunPrivateAsync(string jobId)
    {
        await Api.SubmitAsync(ApiDriver.PrivateJob(jobId, Repository.Program("sum"), ProgramInputs.Numbers(20, 22), Requester));
        Assert.Equal("Finalised", (await Api.WaitFinalAsync(jobId, Requester)).State);
    }
}
