using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Paraloom.ClusterTls;
using Paraloom.Grains;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom localnet</c>: one silo with three validators on the embedded SQLite store (or PostgreSQL), or with
/// <c>--silos N</c> a cluster of N silo processes on PostgreSQL, until Ctrl-C.
/// </summary>
internal static class LocalnetCommand
{
    /// <summary>The command's name; it handles stop signals itself (see <see cref="StopSignals"/>).</summary>
    public const string Name = "localnet";

    public static Command Create()
    {
        var port = PortOption("--port", "P", 5700,
            "The HTTP port to listen on, on 127.0.0.1; with --silos N, silo I listens on P+I-1 (0: any free port)");
        var gatewayPort = PortOption("--gateway-port", "G", 0,
            "The Orleans gateway port for Orleans clients, on 127.0.0.1; with --silos N, silo I's is G+I-1 (0: any free port)");
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
        var tls = new Option<DirectoryInfo?>("--tls")
        {
            Description = "The cluster's TLS material (authority, silo and client certificates; made where missing); default DIR/tls of --data",
            HelpName = "TLSDIR",
        };
        var network = NetworkAuthority.DirectoryOption();
        var exitWithParent = new Option<bool>("--exit-with-parent") { Hidden = true };
        var command = new Command(Name, $"Run silos hosting {LocalSilo.Validators} validators each; Ctrl-C stops them")
        {
            port, gatewayPort, silos, data, postgres, member, tls, network, exitWithParent,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("localnet", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var signals = new StopSignals(cancellationToken);
            var directory = parse.GetValue(data)!.FullName;
            var connectionString = parse.GetValue(postgres);
            var tlsDirectory = parse.GetValue(tls)?.FullName ?? ClusterTlsCommand.Directory(directory);
            var networkDirectory = parse.GetValue(network)?.FullName ?? NetworkAuthority.DefaultDirectory(directory);
            if (parse.GetValue(silos) > 1)
            {
                if (parse.GetValue(member) is not null)
                {
                    throw new UsageException("--member starts one silo; it cannot go with --silos.");
                }
                return await RunClusterAsync(
                    parse.GetValue(silos), (parse.GetValue(port), parse.GetValue(gatewayPort)), directory, tlsDirectory, networkDirectory, connectionString, output, parse.InvocationConfiguration.Error, signals.Token);
            }
            var name = parse.GetValue(member);
            if (name is not null && connectionString is null)
            {
                throw new UsageException("--member joins a cluster on PostgreSQL: it needs --postgres (or $PARALOOM_POSTGRES).");
            }
            var siloName = name ?? LocalSilo.Name;
            ClusterTlsSetup.PrepareLocalnet(tlsDirectory, [siloName]);
            var (app, url) = await LocalSilo.StartAsync(parse.GetValue(port), directory, signals.Token, options =>
            {
                ClusterTlsSetup.UseFor(options, tlsDirectory, siloName);
                options.PostgreSqlConnectionString = connectionString;
                // One silo on its own needs no membership table; a member shares the cluster's.
                options.Clustering = name is null ? ClusteringKind.Localhost : ClusteringKind.PostgreSql;
                options.SiloId = name ?? options.SiloId;
                options.GatewayPort = parse.GetValue(gatewayPort);
            }, networkDirectory);
            await using (app)
            {
                await output.WriteLineAsync($"paraloom localnet listening on {url}");
                await output.WriteLineAsync(NetworkAuthority.BannerLine(networkDirectory));
                await output.WriteLineAsync(PinnedKeyLine([url], networkDirectory));
                var (siloPort, listeningGatewayPort) = LocalSilo.OrleansPorts(app);
                await output.WriteLineAsync(LocalCluster.PortsMessage(siloPort, listeningGatewayPort));
                var store = connectionString is null ? $"data in {directory}" : $"keys in {directory}, state in {ParaloomStore.PostgreSql(connectionString)}";
                await output.WriteLineAsync($"{LocalSilo.Validators} validators, {store}; Ctrl-C stops it");
                await output.WriteLineAsync(TlsMessage(tlsDirectory));
                await output.FlushAsync(CancellationToken.None);
                if (parse.GetValue(exitWithParent))
                {
                    StopWhenParentGoes(app);
                }
                await app.WaitForShutdownAsync(signals.Token);
            }
            await output.WriteLineAsync("paraloom localnet stopped");
            return 0;
        }));
        return command;
    }

    /// <summary>A port option: a number from 0 (any free port) to 65535, refused in one line otherwise.</summary>
    private static Option<int> PortOption(string name, string helpName, int defaultPort, string description)
    {
        var option = new Option<int>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultPort };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, out var number) || number is < 0 or > 65535))
            {
                result.AddError($"{name} must be a number from 0 to 65535, not '{result.Tokens[0].Value}'.");
            }
        });
        return option;
    }

    private static async Task<int> RunClusterAsync(
        int silos, (int Http, int Gateway) ports, string directory, string tlsDirectory, string networkDirectory, string? connectionString,
        TextWriter output, TextWriter error, CancellationToken stopping)
    {
        // Here, before the silos start: each child only reads its files.
        ClusterTlsSetup.PrepareLocalnet(tlsDirectory, LocalCluster.MemberNames(silos));
        if (connectionString is null)
        {
            foreach (var leftover in await ThrowawayPostgreSql.RemoveLeftoversAsync(stopping))
            {
                await error.WriteLineAsync($"paraloom localnet: removed the throwaway PostgreSQL an earlier localnet left in {leftover}");
            }
        }
        // Disposed last: the silos stop before their database does.
        await using var throwaway = connectionString is null ? await ThrowawayPostgreSql.StartAsync(silos, stopping) : null;
        var store = ParaloomStore.PostgreSql(connectionString ?? throwaway!.ConnectionString);
        // Once here, not in each silo: silos starting together on a fresh database would race to create the schema.
        await SchemaMigrator.MigrateAsync(store, stopping);
        await using var cluster = await LocalCluster.StartAsync(silos, ports, directory, tlsDirectory, networkDirectory, store.ConnectionString, error, stopping);
        await output.WriteLineAsync($"paraloom localnet: {silos} silos in one cluster, state and membership in {store}" + (throwaway is null
            ? ""
            : $" (a throwaway server in {throwaway.Location} with connections for {throwaway.SiloCapacity} silos, removed when localnet stops)"));
        foreach (var silo in cluster.Members)
        {
            var (url, siloPort, gatewayPort) = silo.Endpoints;
            await output.WriteLineAsync(
                $"  {silo.Name}: {url} (Orleans silo port {siloPort}, gateway port {gatewayPort}), pid {silo.Process.Id}, " +
                $"keys in {Path.Combine(directory, silo.Name)}, log in {silo.Log.Path}");
        }
        // A user-given connection string may hold a password: only the throwaway server's is printed.
        var join = throwaway is null ? "the same --postgres" : $"--postgres '{throwaway.ConnectionString}'";
        await output.WriteLineAsync(
            $"one more silo joins with: paraloom localnet --member silo-{silos + 1} {join} --tls {tlsDirectory} --network {networkDirectory} --port 0 --data DIR");
        await output.WriteLineAsync($"paraloom localnet listening on {cluster.Members[0].Endpoints.Url}");
        await output.WriteLineAsync(NetworkAuthority.BannerLine(networkDirectory));
        await output.WriteLineAsync(PinnedKeyLine([.. cluster.Members.Select(silo => silo.Endpoints.Url)], networkDirectory));
        await output.WriteLineAsync($"{silos} × {LocalSilo.Validators} validators; any silo's API serves any job; Ctrl-C stops them all");
        await output.WriteLineAsync(TlsMessage(tlsDirectory));
        await output.FlushAsync(CancellationToken.None);
        try
        {
            await cluster.AllExitedAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A stop signal: the way a localnet is meant to end.
        }
        if (!stopping.IsCancellationRequested)
        {
            await error.WriteLineAsync("paraloom localnet: every silo has exited");
            return ExitCodes.Failed;
        }
        await cluster.DisposeAsync();
        if (throwaway is not null)
        {
            await throwaway.DisposeAsync();
        }
        await output.WriteLineAsync("paraloom localnet stopped");
        return 0;
    }

    /// <summary>
    /// Writes the authority's key where the CLI, run from this directory, finds it for each silo's URL, so its commands pin it
    /// with no option; says where.
    /// </summary>
    private static string PinnedKeyLine(IReadOnlyList<Uri> urls, string networkDirectory)
    {
        var paths = urls.Select(url => PinnedNetworkKey.Publish(url, NetworkAuthority.PublicKeyPath(networkDirectory))).ToList();
        return $"the CLI pins it from {string.Join(", ", paths)}: results and cohorts are checked under it";
    }

    /// <summary>Where a gateway client finds what it needs to connect (mutual TLS on every Orleans port).</summary>
    private static string TlsMessage(string tlsDirectory) =>
        $"mutual TLS on the Orleans ports: gateway clients use {Path.Combine(tlsDirectory, ClusterTlsSetup.LocalClientName)}.crt/.key and {Path.Combine(tlsDirectory, ClusterTlsFiles.AuthorityName)}.crt";

    /// <summary>How long a silo whose parent died may take to stop before it exits regardless.</summary>
    private static readonly TimeSpan OrphanStopBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A silo started by <c>--silos</c> stops when the parent's end of its standard input closes. Its database may have
    /// gone with the parent (a throwaway one does), and Orleans' shutdown then waits on it: an orphan exits after a bound.
    /// </summary>
    private static void StopWhenParentGoes(WebApplication app) =>
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            app.Lifetime.StopApplication();
            await Task.Delay(OrphanStopBound);
            Environment.Exit(ExitCodes.Failed);
        });
}
