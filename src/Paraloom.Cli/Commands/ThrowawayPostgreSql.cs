using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Paraloom.Cli.Commands;

/// <summary>
/// A PostgreSQL server of its own for a multi-silo localnet given no database: a fresh cluster in a temporary
/// directory on a free loopback port, trusting local connections, removed with everything in it when disposed, when
/// localnet dies (its <see cref="ThrowawayPostgreSqlGuard"/>), or at the latest by the next localnet that starts one
/// (<see cref="RemoveLeftoversAsync"/>). As root it runs as the <c>postgres</c> user, since the server refuses root.
/// </summary>
internal sealed class ThrowawayPostgreSql : IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string DirectoryPrefix = "paraloom-postgres-";
    private const string GuardFile = "guard.pid";

    /// <summary>The most connections one silo's pool opens (its connection string says so); the server is sized by it.</summary>
    public const int ConnectionsPerSilo = 30;

    /// <summary>Silos that can join with <c>--member</c> beyond those the server was started for.</summary>
    public const int SpareSilos = 4;

    private readonly string _binaries;
    private ThrowawayPostgreSqlGuard? _guard;

    private ThrowawayPostgreSql(string binaries, string directory, int port, int silos)
    {
        _binaries = binaries;
        Location = directory;
        SiloCapacity = silos + SpareSilos;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", MaxPoolSize = ConnectionsPerSilo,
        }.ConnectionString;
    }

    /// <summary>What silos connect with, each pool bounded so that <see cref="SiloCapacity"/> silos fit in the server.</summary>
    public string ConnectionString { get; }

    /// <summary>The guard's process, which stops the server when localnet goes.</summary>
    internal ProcessIdentity? Guard => _guard?.Identity;

    /// <summary>The temporary directory holding the server's data, socket and log.</summary>
    public string Location { get; }

    /// <summary>How many silos the server has connections for.</summary>
    public int SiloCapacity { get; }

    /// <summary>The server's <c>max_connections</c>: every silo's pool full, and a few for an operator's <c>psql</c>.</summary>
    public int MaxConnections => SiloCapacity * ConnectionsPerSilo + 10;

    /// <summary>What to do when no PostgreSQL binaries are installed: one line for the user.</summary>
    public const string HowToGetBinaries =
        "more than one silo needs PostgreSQL: pass --postgres CONNECTION (or set $PARALOOM_POSTGRES), or install the server " +
        "(apt-get install postgresql) so localnet starts a throwaway one itself.";

    /// <summary>The newest installed server's bin directory (initdb, pg_ctl), or null.</summary>
    public static string? FindBinaries() =>
        Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
            : null;

    /// <summary>Starts a server with connections for <paramref name="silos"/> silos and <see cref="SpareSilos"/> more.</summary>
    /// <exception cref="UsageException">No binaries are installed (the message says how to get them).</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message has its log's end.</exception>
    public static async Task<ThrowawayPostgreSql> StartAsync(int silos, CancellationToken cancellationToken)
    {
        var binaries = FindBinaries() ?? throw new UsageException(HowToGetBinaries);
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        var server = new ThrowawayPostgreSql(binaries, directory, FreePort(), silos);
        try
        {
            // Guarded before anything is in it: from here on, nothing outlives localnet.
            server._guard = ThrowawayPostgreSqlGuard.Start(directory, server.PgCommand("pg_ctl", ["-D", server.DataDirectory, "-m", "immediate", "stop"]));
            // Written whole, then renamed: another localnet's sweep never reads half a file.
            var written = Path.Combine(directory, GuardFile + ".new");
            await File.WriteAllTextAsync(written, server._guard.Identity.ToString(), cancellationToken);
            File.Move(written, Path.Combine(directory, GuardFile));
            if (RunsAsRoot)
            {
                await RunAsync(["chown", "postgres", directory], cancellationToken);
            }
            var port = new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
            await RunAsync(server.PgCommand("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust"]), cancellationToken);
            await RunAsync(server.PgCommand("pg_ctl",
                ["-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w",
                 "-o", string.Create(CultureInfo.InvariantCulture, $"-h 127.0.0.1 -p {port} -k {directory} -c max_connections={server.MaxConnections}"),
                 "start"]), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops and deletes the throwaway servers of earlier localnets that died with their guards (a SIGKILL of the whole
    /// process group, a reboot mid-run): each directory whose guard process no longer runs. Returns the directories removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var binaries = FindBinaries();
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            if (!IsLeftover(directory))
            {
                continue;
            }
            var data = Path.Combine(directory, "data");
            if (binaries is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    await RunAsync(PgCommand(binaries, "pg_ctl", ["-D", data, "-m", "immediate", "stop"]), cancellationToken);
                }
                catch (InvalidOperationException)
                {
                    // Its server is gone already: only the directory is left.
                }
            }
            Directory.Delete(directory, recursive: true);
            removed.Add(directory);
        }
        return removed;
    }

    // A directory without a guard file is being created right now, or comes from a localnet older than guards, whose
    // owner cannot be told apart from a live one: neither is removed.
    private static bool IsLeftover(string directory) =>
        File.Exists(Path.Combine(directory, GuardFile))
        && ProcessIdentity.Parse(File.ReadAllText(Path.Combine(directory, GuardFile))) is not { IsAlive: true };

    private string DataDirectory => Path.Combine(Location, "data");

    /// <summary>Stops the server and deletes its directory (through its guard, which does the same if localnet dies); once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_guard is { } guard)
        {
            _guard = null;
            await guard.DisposeAsync();
        }
        else if (Directory.Exists(Location))
        {
            Directory.Delete(Location, recursive: true);
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private IReadOnlyList<string> PgCommand(string tool, IReadOnlyList<string> arguments) => PgCommand(_binaries, tool, arguments);

    private static IReadOnlyList<string> PgCommand(string binaries, string tool, IReadOnlyList<string> arguments) =>
        RunsAsRoot
            ? ["runuser", "-u", "postgres", "--", Path.Combine(binaries, tool), .. arguments]
            : [Path.Combine(binaries, tool), .. arguments];

    private static async Task RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var said = (await error + await output).Trim().Split('\n').LastOrDefault() ?? "";
            throw new InvalidOperationException($"{Path.GetFileName(command[0])} failed (exit {process.ExitCode}): {said}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
