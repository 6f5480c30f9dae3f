using System.CommandLine;
using Paraloom.Cli.Demo;
using Paraloom.Client;
using Paraloom.Privacy;
using Spectre.Console;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom demo</c>: a localnet in this process, a private aggregation of generated salaries, the cohort
/// agreeing live, and the decrypted statistics checked bit for bit against a plain C# computation.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count")
        {
            Description = "How many salaries to generate",
            HelpName = "N",
            DefaultValueFactory = _ => 1000,
        };
        count.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, out var number) || number is < 1 or > 1_000_000))
            {
                result.AddError($"--count must be a number from 1 to 1,000,000, not '{result.Tokens[0].Value}'.");
            }
        });
        var seed = new Option<int?>("--seed") { Description = "Seed for the generated data (default: random)", HelpName = "SEED" };
        var command = new Command("demo", "Run a private aggregation on an in-process localnet and check the result") { count, seed };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("demo", parse.InvocationConfiguration.Error, () =>
            RunAsync(parse.InvocationConfiguration.Output, parse.GetValue(count), parse.GetValue(seed) ?? Random.Shared.Next(), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, int count, int seed, CancellationToken cancellationToken)
    {
        var console = Terminal.CreateConsole(output);
        var dataDirectory = Directory.CreateTempSubdirectory("paraloom-demo-").FullName;
        try
        {
            // The demo's silo runs as localnet's does, its Orleans ports under mutual TLS.
            var tlsDirectory = ClusterTlsCommand.Directory(dataDirectory);
            ClusterTlsSetup.PrepareLocalnet(tlsDirectory, [LocalSilo.Name]);
            var (app, url) = await LocalSilo.StartAsync(0, dataDirectory, cancellationToken, options =>
            {
                options.DeadlineCheckPeriod = TimeSpan.FromMilliseconds(250);
                ClusterTlsSetup.UseFor(options, tlsDirectory, LocalSilo.Name);
            });
            await using (app)
            {
                console.MarkupLine($"[bold]localnet[/] {url} with {LocalSilo.Validators} validators (data in a temporary directory)");
                var salaries = SalaryStatistics.GenerateSalaries(count, seed);
                console.MarkupLine($"generated {count} salaries (seed {seed}); they leave this process only sealed");
                using var requester = SecretKey.Generate();
                using var client = new ParaloomClient(url) { PollInterval = TimeSpan.FromMilliseconds(100) };
                var job = Job.Builder()
                    .Wasm(EmbeddedPrograms.Read("aggregate"))
                    .PrivateInput(SalaryStatistics.EncodeInput(salaries), requester.PublicKey)
                    .WithOwnershipProof(requester)
                    .Build();
                var jobId = await client.SubmitAsync(job, cancellationToken);
                console.MarkupLine($"submitted private job [bold]{jobId}[/]");
                await FollowAsync(console, client, jobId, requester, cancellationToken);

                var result = await client.GetResultAsync(jobId, requester, cancellationToken);
                var account = await client.GetAccountAsync(requester, cancellationToken: cancellationToken);
                // The demo's network is open: the requester's newcomer grant paid for the job.
                console.MarkupLine($"fee {result.Fee} credits (fuel {result.FuelUsed} × {LocalSilo.Validators} validators, and its stored bytes); "
                    + $"the account has {account.Credits} credits left, {account.Held} held");
                var fromCohort = SalaryStatistics.Decode(result.Decrypt(requester));
                var local = SalaryStatistics.Compute(salaries);
                console.Write(DemoView.Comparison(fromCohort, local));
                var identical = fromCohort.Count == local.Count && fromCohort.Sum == local.Sum && fromCohort.Min == local.Min
                    && fromCohort.Max == local.Max && DemoView.SameBits(fromCohort.Mean, local.Mean)
                    && DemoView.SameBits(fromCohort.StandardDeviation, local.StandardDeviation);
                console.MarkupLine(identical
                    ? "[green]the cohort's statistics are bit-for-bit those of the plain computation[/]"
                    : "[red]the cohort's statistics differ from the plain computation[/]");
                // A graceful stop: Orleans deactivates the grains before the host is disposed.
                await app.StopAsync(cancellationToken);
                return identical ? 0 : CommandFailure.Failed;
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Waits for agreement, live in a terminal, one line per change otherwise.</summary>
    private static async Task FollowAsync(IAnsiConsole console, ParaloomClient client, string jobId, SecretKey requester, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            await client.WaitAsync(jobId, requester, new Reporter(status => console.WriteLine(DemoView.Describe(status))), cancellationToken);
            return;
        }
        await console.Live(DemoView.Progress(null)).StartAsync(async live =>
        {
            await client.WaitAsync(jobId, requester, new Reporter(status =>
            {
                live.UpdateTarget(DemoView.Progress(status));
                live.Refresh();
            }), cancellationToken);
        });
    }

    /// <summary>Reports on the polling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
