using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// A real <c>paraloom localnet --silos N</c> child process on PostgreSQL: N silo processes, each listed with its URL and
/// process id so a test can kill one of them (SIGKILL) or stop it (SIGTERM). Every wait is bounded; disposing stops the
/// whole cluster with SIGTERM and kills what is left.
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

    public static async Task<LocalClusterProcess> StartAsync(int silos, string dataDirectory, string postgreSql)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "paraloom.dll"), "localnet", "--silos", silos.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--port", "0", "--data", dataDirectory, "--postgres", postgreSql,
                 })
        {
            start.ArgumentList.Add(argument);
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

    [GeneratedRegex(@"^\s+(?<name>silo-\d+): (?<url>\S+) \(Orleans silo port (?<silo>\d+), gateway port (?<gateway>\d+)\), pid (?<pid>\d+),")]
    private static partial Regex MemberLine();
}
