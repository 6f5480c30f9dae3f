using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Paraloom.Client;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// The note tree after a crash, checked from outside the silos: every finalised private job's note (from its verified
/// receipt, over HTTP) is in the tree at a position of its own, proved against the root by the job's inclusion proof
/// (asked as the requester over the Orleans gateway), and the tree holds exactly those notes: positions 0 … n − 1, one
/// per final job, all proofs against the same anchor.
/// </summary>
internal static class NoteTreeAudit
{
    public static async Task AssertEachFinalNoteOnceAsync(
        IClusterClient grains, ParaloomClient http, SecretKey requester, IReadOnlyList<JobProgress> finals, TimeSpan bound)
    {
        var proofs = new List<NoteInclusionProof>();
        foreach (var final in finals.Where(final => final.State == JobState.Finalised))
        {
            var note = (await http.GetResultAsync(final.JobId, requester).WaitAsync(bound)).Note;
            Assert.NotNull(note);
            var job = grains.GetGrain<IComputeJobGrain>(final.JobId);
            var challenge = await job.CreateResultChallengeAsync().WaitAsync(bound);
            var proof = await job.GetNoteProofAsync(challenge, ResultAuthorization.Sign(requester, final.JobId, challenge.Nonce.Span)).WaitAsync(bound);
            Assert.Equal(note.Commitment, proof.Note);
            Assert.True(proof.Verifies(), $"{final.JobId}'s note at {proof.Position} does not lead to the root of {proof.TreeSize} notes");
            proofs.Add(proof);
        }
        Assert.NotEmpty(proofs);
        // No job appends any more: every proof is against the same anchor, and the tree holds one note per final job.
        Assert.Single(proofs.Select(proof => (proof.TreeSize, Convert.ToHexString(proof.Root.Span))).Distinct());
        Assert.Equal(proofs.Count, proofs[0].TreeSize);
        Assert.Equal(Enumerable.Range(0, proofs.Count).Select(position => (long)position), proofs.Select(proof => proof.Position).Order());
    }

    /// <summary>
    /// Hands each job's first key out as its cohort forms, all at once; a hand-out the crash interrupts is left to whoever
    /// follows the job afterwards (<c>WaitAsync</c> with the requester's key hands out every later one), so none fails this.
    /// </summary>
    public static async Task HandOutAsync(ParaloomClient client, SecretKey requester, IEnumerable<string> ids)
    {
        await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await client.WaitForHandOutAsync(id, requester);
            }
            catch (Exception interrupted) when (interrupted is HttpRequestException or ParaloomApiException or TaskCanceledException)
            {
                // The silo died under the call: the job's key goes out after the restart or through a survivor.
            }
        }));
    }

    /// <summary>An Orleans gateway client with localnet's client certificate (DATA/tls), clustered as <paramref name="clustering"/> says.</summary>
    public static async Task<IHost> ConnectAsync(string tlsDirectory, Action<ParaloomClusterOptions> clustering)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(options =>
        {
            clustering(options);
            options.CertificateAuthorityFile = Path.Combine(tlsDirectory, "ca.crt");
            options.CertificateFile = Path.Combine(tlsDirectory, "client.crt");
            options.KeyFile = Path.Combine(tlsDirectory, "client.key");
        }));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A private <c>sum</c> job over <paramref name="count"/> numbers: its 8-byte output is an amount note.</summary>
    public static Job PrivateSum(SecretKey requester, int count) => Job.Builder()
        .Wasm(File.ReadAllBytes(Repository.ProgramPath("sum")))
        .PrivateInput(ProgramInputs.Numbers([.. Enumerable.Range(0, count).Select(n => (uint)n)]), requester.PublicKey)
        .WithOwnershipProof(requester)
        // A member lost with its silo leaves its attempt to the deadline (this wall clock plus the silo's grace): keep it short.
        .Limits(new JobLimits { WallClock = TimeSpan.FromSeconds(5) })
        .Build();
}
