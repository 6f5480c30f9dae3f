using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom localnet --silos N</c> with N above one: N child processes of this CLI, each one silo
/// (<c>localnet --member silo-I</c>) with its own validators, keys under <c>DATA/silo-I</c>, a free Orleans silo port,
/// HTTP port P+I-1 and gateway port G+I-1 (free ones for P or G = 0), all in one cluster on one PostgreSQL database. A child that loses this
/// process (its standard input closes) stops itself, so none outlives it. Everything a silo prints goes to
/// <c>DATA/silo-I/silo.log</c> (what it prints on standard error to this process's too), and a silo that ends while the
/// cluster runs is reported on standard error with its exit code and its log.
/// </summary>
internal sealed partial class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly List<Member> _members = [];
    private readonly TextWriter _error;
    private volatile bool _stopping;
    private CancellationTokenRegistration _stopRequested;
    private bool _disposed;

    private LocalCluster(TextWriter error) => _error = error;

    public IReadOnlyList<Member> Members => _members;

    /// <summary>The name of the file, in each silo's data directory, that holds what the silo printed.</summary>
    public const string LogFileName = "silo.log";

    /// <summary>One silo process: its name, HTTP URL, Orleans ports, process id and log.</summary>
    public sealed class Member(string name, Process process, SiloLog log)
    {
        public string Name { get; } = name;

        public Process Process { get; } = process;

        public SiloLog Log { get; } = log;

        internal TaskCompletionSource<(Uri Url, int SiloPort, int GatewayPort)> Started { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Uri? PendingUrl { get; set; }

        public (Uri Url, int SiloPort, int GatewayPort) Endpoints => Started.Task.Result;
    }

    /// <exception cref="InvalidOperationException">A silo did not start; the message has its last words.</exception>
    public static async Task<LocalCluster> StartAsync(
        int silos, (int Http, int Gateway) ports, string dataDirectory, string tlsDirectory, string networkDirectory, string connectionString,
        TextWriter error, CancellationToken cancellationToken)
    {
        // One authority admits every member's validators: created here, before members start, so none races to.
        NetworkAuthority.LoadOrCreate(networkDirectory).Dispose();
        var cluster = new LocalCluster(error);
        // Silos that end once a stop is asked for are stopping, not failing: nothing to report.
        cluster._stopRequested = cancellationToken.Register(() => cluster._stopping = true);
        try
        {
            foreach (var (name, index) in MemberNames(silos).Select((name, at) => (name, at + 1)))
            {
                cluster._members.Add(cluster.Spawn(
                    name, (PortOf(ports.Http, index), PortOf(ports.Gateway, index)), Path.Combine(dataDirectory, name), tlsDirectory,
                    networkDirectory, connectionString));
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

    /// <summary>The members' names: silo-1 … silo-N.</summary>
    public static IEnumerable<string> MemberNames(int silos) => Enumerable.Range(1, silos).Select(index => $"silo-{index}");

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
        _stopping = true;
        await _stopRequested.DisposeAsync();
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
            member.Log.Dispose();
        }
    }

    /// <summary>Silo <paramref name="index"/>'s port: the first one plus its index less one, or any free one for 0.</summary>
    private static int PortOf(int first, int index) => first == 0 ? 0 : first + index - 1;

    private Member Spawn(string name, (int Http, int Gateway) ports, string dataDirectory, string tlsDirectory, string networkDirectory,
        string connectionString)
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
                     "localnet", "--member", name, "--exit-with-parent", "--port", ports.Http.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--gateway-port", ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--data", dataDirectory, "--tls", tlsDirectory, "--network", networkDirectory, "--postgres", connectionString,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var log = SiloLog.Create(dataDirectory, LogFileName);
        var process = Process.Start(start)!;
        var member = new Member(name, process, log);
        process.OutputDataReceived += (_, line) =>
        {
            log.Write(line.Data);
            Observe(member, line.Data);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            log.Write(line.Data);
            if (line.Data is { Length: > 0 } text)
            {
                lock (_error)
                {
                    _error.WriteLine($"{name}: {text}");
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(member);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return member;
    }

    private void OnExited(Member member)
    {
        var exitCode = member.Process.ExitCode;
        if (!member.Started.TrySetException(new InvalidOperationException(
                $"{member.Name} exited with code {exitCode} before it started; its log: {member.Log.Path}")) && !_stopping)
        {
            lock (_error)
            {
                _error.WriteLine($"paraloom localnet: {member.Name} (pid {member.Process.Id}) exited with code {exitCode}; its log: {member.Log.Path}");
                _error.Flush();
            }
        }
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
