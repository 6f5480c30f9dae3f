using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Paraloom.Cli.Commands;

/// <summary>
/// A PostgreSQL server of its own for a multi-silo localnet given no database: a fresh cluster in a temporary
/// directory on a free loopback port, trusting local connections, removed with everything in it when disposed.
/// As root it runs as the <c>postgres</c> user, since the server refuses root.
/// </summary>
internal sealed class ThrowawayPostgreSql : IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";

    private readonly string _binaries;
    private readonly string _directory;

    private ThrowawayPostgreSql(string binaries, string directory, int port)
    {
        _binaries = binaries;
        _directory = directory;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

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

    /// <exception cref="UsageException">No binaries are installed (the message says how to get them).</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message has its log's end.</exception>
    public static async Task<ThrowawayPostgreSql> StartAsync(CancellationToken cancellationToken)
    {
        var binaries = FindBinaries() ?? throw new UsageException(HowToGetBinaries);
        var directory = Directory.CreateTempSubdirectory("paraloom-postgres-").FullName;
        var server = new ThrowawayPostgreSql(binaries, directory, FreePort());
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", ["postgres", directory], cancellationToken);
            }
            var port = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
            await server.PgAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust"], cancellationToken);
            await server.PgAsync("pg_ctl",
                ["-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w",
                 "-o", $"-h 127.0.0.1 -p {port} -k {directory}", "start"], cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing left to stop.
            }
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunsAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(_binaries, tool), arguments, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
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
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {said}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
