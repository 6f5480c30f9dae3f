using System.Diagnostics;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Keeps a throwaway PostgreSQL from outliving localnet: a small shell process that ignores the terminal's stop signals
/// and waits on a pipe only localnet writes to. When localnet closes the pipe (it is stopping) or the kernel closes it
/// (localnet died, even of SIGKILL), the guard stops the server and deletes its directory. PostgreSQL's <c>pg_ctl</c>
/// starts the server in a session of its own, so no signal sent to localnet's process group reaches it: without the
/// guard a killed localnet would leave it running.
/// </summary>
internal sealed class ThrowawayPostgreSqlGuard : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // $0 is the server's directory, "$@" the command that stops the server.
    private const string Script = """
        trap '' INT TERM HUP QUIT
        cat > /dev/null
        if [ -f "$0/data/postmaster.pid" ]; then "$@" > /dev/null 2>&1; fi
        rm -rf "$0"
        """;

    private readonly Process _process;

    private ThrowawayPostgreSqlGuard(Process process) => _process = process;

    /// <summary>The guard's process: while it runs, the directory it guards is not a leftover.</summary>
    public ProcessIdentity Identity { get; private init; } = null!;

    /// <summary>Starts guarding <paramref name="directory"/>; <paramref name="stopServer"/> is the program and arguments that stop its server.</summary>
    public static ThrowawayPostgreSqlGuard Start(string directory, IReadOnlyList<string> stopServer)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, directory }.Concat(stopServer))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        return new ThrowawayPostgreSqlGuard(process)
        {
            Identity = ProcessIdentity.Of(process.Id) ?? throw new InvalidOperationException("the throwaway PostgreSQL's guard exited at once."),
        };
    }

    /// <summary>Lets the guard stop the server and delete the directory now, and waits (bounded) until it has.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The guard hangs on a server that does not stop: the next localnet removes what is left.
        }
        _process.Dispose();
    }
}
