using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// A real <c>paraloom localnet --silos N</c> child process on PostgreSQL (the test's, or without one localnet's throwaway
/// server): N silo processes, each listed with its URL and process id so a test can kill one of them (SIGKILL) or stop it
/// (SIGTERM). It leads a process group of its own (through <c>setsid</c>), as a terminal's foreground job does, so a test
/// can signal the group as a terminal would. Every wait is bounded; disposing stops the whole cluster with SIGTERM and
/// kills what is left.
/// </summary>
public sealed partial class LocalClusterProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);

    private readonly List<string> _output = [];
    private readonly Process _process;

    private LocalClusterProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>The silos in order (silo-1 first).</summary>
    public IReadOnlyList<(string Name, Uri Url, int ProcessId, int SiloPort, int GatewayPort)> Silos { get; private set; } = [];

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>The localnet process, also its process group's id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The throwaway PostgreSQL's directory, when localnet started one.</summary>
    public string? ThrowawayDirectory { get; private set; }

    /// <summary>The connection string the banner tells a joining <c>--member</c> to use, when it prints one.</summary>
    public string? MemberConnectionString { get; private set; }

    /// <summary>
    /// Starts the cluster on <paramref name="postgreSql"/>, or with none on a throwaway server of localnet's own; its silos
    /// inherit <paramref name="environment"/> (silo settings as <c>PARALOOM_…</c> variables).
    /// </summary>
    public static async Task<LocalClusterProcess> StartAsync(
        int silos, string dataDirectory, string? postgreSql, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Not a process group leader, setsid(1) makes itself one and execs the command: the process started is localnet.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("PARALOOM_POSTGRES");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        foreach (var argument in new[]
                 {
                     Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                     Path.Combine(AppContext.BaseDirectory, "paraloom.dll"), "localnet", "--silos", silos.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--port", "0", "--data", dataDirectory,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        if (postgreSql is not null)
        {
            start.ArgumentList.Add("--postgres");
            start.ArgumentList.Add(postgreSql);
        }
        var cluster = new LocalClusterProcess(Process.Start(start)!, dataDirectory);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var members = new List<(string, Uri, int, int, int)>();
        cluster._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }
            cluster.Record(text);
            if (MemberLine().Match(text) is { Success: true } member)
            {
                members.Add((member.Groups["name"].Value, new Uri(member.Groups["url"].Value), int.Parse(member.Groups["pid"].Value),
                    int.Parse(member.Groups["silo"].Value), int.Parse(member.Groups["gateway"].Value)));
            }
            else if (ThrowawayLine().Match(text) is { Success: true } throwaway)
            {
                cluster.ThrowawayDirectory = throwaway.Groups["directory"].Value;
            }
            else if (JoinLine().Match(text) is { Success: true } join)
            {
                cluster.MemberConnectionString = join.Groups["connection"].Value;
            }
            else if (text.Contains("listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        cluster._process.ErrorDataReceived += (_, line) => cluster.Record(line.Data);
        cluster._process.BeginOutputReadLine();
        cluster._process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            cluster._process.Kill(entireProcessTree: true);
            throw new TimeoutException($"localnet --silos {silos} did not start within {StartTimeout}:\n{cluster.Output}");
        }
        cluster.Silos = members;
        return cluster;
    }

    /// <summary>SIGKILL of one silo process: it ends at once, as in a crash; the others carry on.</summary>
    public void Kill(int index) => Signals.Send(Silos[index].ProcessId, Signals.KillNow);

    /// <summary>SIGTERM to one silo process: it stops as a service manager would stop it.</summary>
    public void Terminate(int index) => Signals.Send(Silos[index].ProcessId, Signals.Terminate);

    /// <summary>Sends <paramref name="signal"/> to localnet alone, or to its whole process group as a terminal does.</summary>
    public void Signal(int signal, bool toGroup)
    {
        if (toGroup)
        {
            Signals.SendToGroup(_process.Id, signal);
        }
        else
        {
            Signals.Send(_process.Id, signal);
        }
    }

    /// <summary>Waits (bounded by <paramref name="bound"/>) for localnet to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It did not exit in time; what it printed is in the message.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"localnet did not exit within {bound}:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Whether the silo's process has exited.</summary>
    public bool HasExited(int index)
    {
        try
        {
            using var process = Process.GetProcessById(Silos[index].ProcessId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Signals.StopAsync(_process, StopTimeout);
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
    }

    [GeneratedRegex(@"a throwaway server in (?<directory>\S+) with connections")]
    private static partial Regex ThrowawayLine();

    [GeneratedRegex(@"--member \S+ --postgres '(?<connection>[^']+)'")]
    private static partial Regex JoinLine();

    [GeneratedRegex(@"^\s+(?<name>silo-\d+): (?<url>\S+) \(Orleans silo port (?<silo>\d+), gateway port (?<gateway>\d+)\), pid (?<pid>\d+),")]
    private static partial Regex MemberLine();
}
