using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The note tree on the embedded store against a real crash: a burst of private jobs on one localnet process with its
/// SQLite file, SIGKILL while they execute, vote and append their notes, then a new localnet process on what the dead
/// one left. Every job ends; every finalised one's note is in the tree exactly once (the cluster's case, on PostgreSQL,
/// is in <see cref="ClusterFaultTests"/>).
/// </summary>
public sealed class NoteTreeCrashTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly string _data = Directory.CreateTempSubdirectory("paraloom-note-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task After_a_kill_9_mid_burst_and_a_restart_each_final_private_jobs_note_is_in_the_note_tree_once()
    {
        using var requester = SecretKey.Generate();
        var ids = new List<string>();
        await using (var crashed = LocalnetProcess.On(_data))
        {
            await crashed.InitializeAsync();
            using var client = new ParaloomClient(crashed.Url);
            for (var job = 0; job < 12; job++)
            {
                ids.Add(await client.SubmitAsync(NoteTreeAudit.PrivateSum(requester, 40_000 * (job + 1))).WaitAsync(Bound));
            }
            // Jobs awaiting their keys hold their cohort's capacity: hand every key out at once, as each cohort forms.
            var handOuts = NoteTreeAudit.HandOutAsync(client, requester, ids);
            // Once the first job is final the others follow it through execution, votes and the tree: kill then.
            await client.WaitAsync(ids[0], requester).WaitAsync(Bound);
            await crashed.KillAsync();
            // The hand-outs still waiting fail with the process; the restarted one's followers hand those keys out.
            await handOuts;
        }

        var gatewayPort = GatewayLocalnet.FreePort();
        await using var restarted = LocalnetProcess.On(_data, null, "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture));
        await restarted.InitializeAsync();
        using var again = new ParaloomClient(restarted.Url);
        var finals = new List<JobProgress>();
        foreach (var id in ids)
        {
            try
            {
                finals.Add(await again.WaitAsync(id, requester).WaitAsync(Bound));
            }
            catch (JobRejectedException)
            {
                finals.Add(await again.GetStatusAsync(id).WaitAsync(Bound));
            }
        }
        Assert.Contains(finals, final => final.State == JobState.Finalised);
        using var gateway = await NoteTreeAudit.ConnectAsync(Path.Combine(_data, "tls"), options => options.GatewayPort = gatewayPort);
        await NoteTreeAudit.AssertEachFinalNoteOnceAsync(gateway.Services.GetRequiredService<IClusterClient>(), again, requester, finals, Bound);
        await gateway.StopAsync();
    }
}
