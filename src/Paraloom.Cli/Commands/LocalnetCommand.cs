using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Paraloom.Grains;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom localnet</c>: one silo with three validators on the embedded SQLite store (or PostgreSQL), or with
/// <c>--silos N</c> a cluster of N silo processes on PostgreSQL, until Ctrl-C.
/// </summary>
internal static class LocalnetCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "The HTTP port to listen on, on 127.0.0.1; with --silos N, silo I listens on P+I-1 (0: any free port)",
            HelpName = "P",
            DefaultValueFactory = _ => 5700,
        };
        port.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, out var number) || number is < 0 or > 65535))
            {
                result.AddError($"--port must be a number from 0 to 65535, not '{result.Tokens[0].Value}'.");
            }
        });
        var silos = new Option<int>("--silos")
        {
            Description = "How many silo processes form the cluster (more than one needs PostgreSQL: --postgres, or its binaries installed)",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        silos.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, out var number) || number is < 1 or > 32))
            {
                result.AddError($"--silos must be a number from 1 to 32, not '{result.Tokens[0].Value}'.");
            }
        });
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Where validator keys and the SQLite store (state and reminders) are kept; with --silos N, keys in DIR/silo-I",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("paraloom-localnet"),
        };
        data.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DirectoryInfo>() is { } directory && File.Exists(directory.FullName))
            {
                result.AddError($"--data: {directory.FullName} is a file; it needs a directory (created if missing).");
            }
        });
        var postgres = StoreOptions.PostgreSql("State and reminders in this PostgreSQL database instead of the SQLite file");
        var member = new Option<string?>("--member")
        {
            Description = "Join the cluster on --postgres as one more silo of this name (what --silos N starts N of)",
            HelpName = "NAME",
        };
        var exitWithParent = new Option<bool>("--exit-with-parent") { Hidden = true };
        var network = NetworkAuthority.DirectoryOption();
        var command = new Command("localnet", $"Run silos hosting {LocalSilo.Validators} validators each; Ctrl-C stops them")
        {
            port, silos, data, postgres, member, exitWithParent, network,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("localnet", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var directory = parse.GetValue(data)!.FullName;
            var connectionString = parse.GetValue(postgres);
            var networkDirectory = parse.GetValue(network)?.FullName ?? NetworkAuthority.DefaultDirectory(directory);
            if (parse.GetValue(silos) > 1)
            {
                if (parse.GetValue(member) is not null)
                {
                    throw new UsageException("--member starts one silo; it cannot go with --silos.");
                }
                return await RunClusterAsync(
                    parse.GetValue(silos), parse.GetValue(port), directory, networkDirectory, connectionString, output,
                    parse.InvocationConfiguration.Error, cancellationToken);
            }
            var name = parse.GetValue(member);
            if (name is not null && connectionString is null)
            {
                throw new UsageException("--member joins a cluster on PostgreSQL: it needs --postgres (or $PARALOOM_POSTGRES).");
            }
            var (app, url) = await LocalSilo.StartAsync(parse.GetValue(port), directory, cancellationToken, options =>
            {
                options.PostgreSqlConnectionString = connectionString;
                // One silo on its own needs no membership table; a member shares the cluster's.
                options.Clustering = name is null ? ClusteringKind.Localhost : ClusteringKind.PostgreSql;
                options.SiloId = name ?? options.SiloId;
            }, networkDirectory);
            await using (app)
            {
                await output.WriteLineAsync($"paraloom localnet listening on {url}");
                await output.WriteLineAsync(NetworkAuthority.BannerLine(networkDirectory));
                var (siloPort, gatewayPort) = LocalSilo.OrleansPorts(app);
                await output.WriteLineAsync(LocalCluster.PortsMessage(siloPort, gatewayPort));
                var store = connectionString is null ? $"data in {directory}" : $"keys in {directory}, state in {ParaloomStore.PostgreSql(connectionString)}";
                await output.WriteLineAsync($"{LocalSilo.Validators} validators, {store}; Ctrl-C stops it");
                await output.FlushAsync(cancellationToken);
                if (parse.GetValue(exitWithParent))
                {
                    StopWhenParentGoes(app);
                }
                await app.WaitForShutdownAsync(cancellationToken);
            }
            await output.WriteLineAsync("paraloom localnet stopped");
            return 0;
        }));
        return command;
    }

    private static async Task<int> RunClusterAsync(
        int silos, int port, string directory, string networkDirectory, string? connectionString, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        await using var throwaway = connectionString is null ? await ThrowawayPostgreSql.StartAsync(cancellationToken) : null;
        var store = ParaloomStore.PostgreSql(connectionString ?? throwaway!.ConnectionString);
        // Once here, not in each silo: silos starting together on a fresh database would race to create the schema.
        await SchemaMigrator.MigrateAsync(store, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // SIGTERM stops the cluster as Ctrl-C does (a service manager's stop).
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        await using var cluster = await LocalCluster.StartAsync(
            silos, port, directory, networkDirectory, store.ConnectionString, error, cancellationToken);
        await output.WriteLineAsync($"paraloom localnet: {silos} silos in one cluster, state and membership in {store}" +
                                    (throwaway is null ? "" : " (a throwaway server, removed when localnet stops)"));
        foreach (var silo in cluster.Members)
        {
            var (url, siloPort, gatewayPort) = silo.Endpoints;
            await output.WriteLineAsync(
                $"  {silo.Name}: {url} (Orleans silo port {siloPort}, gateway port {gatewayPort}), pid {silo.Process.Id}, keys in {Path.Combine(directory, silo.Name)}");
        }
        await output.WriteLineAsync($"paraloom localnet listening on {cluster.Members[0].Endpoints.Url}");
        await output.WriteLineAsync(NetworkAuthority.BannerLine(networkDirectory));
        await output.WriteLineAsync($"{silos} × {LocalSilo.Validators} validators; any silo's API serves any job; Ctrl-C stops them all");
        await output.FlushAsync(CancellationToken.None);
        try
        {
            await cluster.AllExitedAsync(stop.Token);
            await error.WriteLineAsync("paraloom localnet: every silo has exited");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await cluster.DisposeAsync();
            await output.WriteLineAsync("paraloom localnet stopped");
            return 0;
        }
    }

    /// <summary>A silo started by <c>--silos</c> stops when the parent's end of its standard input closes.</summary>
    private static void StopWhenParentGoes(WebApplication app) =>
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            app.Lifetime.StopApplication();
        });
}
