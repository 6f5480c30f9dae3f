using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom localnet --silos N</c> with N above one: N child processes of this CLI, each one silo
/// (<c>localnet --member silo-I</c>) with its own validators, keys under <c>DATA/silo-I</c>, free Orleans ports and
/// HTTP port P+I-1 (or a free one for P = 0), all in one cluster on one PostgreSQL database. A child that loses this
/// process (its standard input closes) stops itself, so none outlives it.
/// </summary>
internal sealed partial class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly List<Member> _members = [];
    private readonly TextWriter _error;
    private bool _disposed;

    private LocalCluster(TextWriter error) => _error = error;

    public IReadOnlyList<Member> Members => _members;

    /// <summary>One silo process: its name, HTTP URL, Orleans ports and process id.</summary>
    public sealed class Member(string name, Process process)
    {
        public string Name { get; } = name;

        public Process Process { get; } = process;

        internal TaskCompletionSource<(Uri Url, int SiloPort, int GatewayPort)> Started { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Uri? PendingUrl { get; set; }

        public (Uri Url, int SiloPort, int GatewayPort) Endpoints => Started.Task.Result;
    }

    /// <exception cref="InvalidOperationException">A silo did not start; the message has its last words.</exception>
    public static async Task<LocalCluster> StartAsync(
        int silos, int port, string dataDirectory, string networkDirectory, string connectionString, TextWriter error,
        CancellationToken cancellationToken)
    {
        // One authority admits every member's validators: created here, before members start, so none races to.
        NetworkAuthority.LoadOrCreate(networkDirectory).Dispose();
        var cluster = new LocalCluster(error);
        try
        {
            for (var index = 1; index <= silos; index++)
            {
                var name = $"silo-{index}";
                cluster._members.Add(cluster.Spawn(
                    name, port == 0 ? 0 : port + index - 1, Path.Combine(dataDirectory, name), networkDirectory, connectionString));
                // The first silo creates the cluster's rows in the membership table alone: silos racing to create
                // them on a fresh database can fail to start. The others then join together.
                if (index == 1)
                {
                    await cluster._members[0].Started.Task.WaitAsync(StartTimeout, cancellationToken);
                }
            }
            foreach (var member in cluster._members)
            {
                await member.Started.Task.WaitAsync(StartTimeout, cancellationToken);
            }
            return cluster;
        }
        catch (TimeoutException)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"the silos did not all start within {StartTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when every silo process has exited.</summary>
    public Task AllExitedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_members.Select(member => member.Process.WaitForExitAsync(cancellationToken)));

    /// <summary>Asks every silo to stop (SIGTERM: each drains like a stopped service), then kills what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var member in _members.Where(member => !member.Process.HasExited))
        {
            _ = Kill(member.Process.Id, Sigterm);
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        foreach (var member in _members)
        {
            try
            {
                await member.Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                member.Process.Kill(entireProcessTree: true);
            }
            member.Process.Dispose();
        }
    }

    private Member Spawn(string name, int httpPort, string dataDirectory, string networkDirectory, string connectionString)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet paraloom.dll` the process is the dotnet host: the child needs the assembly too.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LocalCluster).Assembly.Location);
        }
        foreach (var argument in new[]
                 {
                     "localnet", "--member", name, "--exit-with-parent", "--port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--data", dataDirectory, "--network", networkDirectory, "--postgres", connectionString,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var member = new Member(name, process);
        process.OutputDataReceived += (_, line) => Observe(member, line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lock (_error)
                {
                    _error.WriteLine($"{name}: {text}");
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => member.Started.TrySetException(
            new InvalidOperationException($"{name} exited with code {process.ExitCode} before it started."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return member;
    }

    private static void Observe(Member member, string? line)
    {
        if (line is null)
        {
            return;
        }
        if (ListeningLine().Match(line) is { Success: true } listening)
        {
            member.PendingUrl = new Uri(listening.Groups["url"].Value);
        }
        else if (PortsLine().Match(line) is { Success: true } ports && member.PendingUrl is { } url)
        {
            member.Started.TrySetResult((url, int.Parse(ports.Groups["silo"].Value), int.Parse(ports.Groups["gateway"].Value)));
        }
    }

    /// <summary>The line a member prints with its Orleans ports once it listens (parsed here).</summary>
    public static string PortsMessage(int siloPort, int gatewayPort) => $"Orleans silo port {siloPort}, gateway port {gatewayPort}";

    [GeneratedRegex("listening on (?<url>\\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex("Orleans silo port (?<silo>\\d+), gateway port (?<gateway>\\d+)")]
    private static partial Regex PortsLine();

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
