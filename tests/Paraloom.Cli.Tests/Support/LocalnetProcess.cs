using System.Diagnostics;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// A real <c>paraloom localnet</c> child process on a free port, with its own data directory or one it is given
/// (to start again on what a previous process left). Every wait is bounded; disposing stops it with SIGTERM, as a
/// service manager would, and kills it if it does not stop.
/// </summary>
public sealed class LocalnetProcess : IAsyncLifetime
{
    private readonly bool _ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string? _postgreSql;
    private readonly string? _member;
    private readonly string? _tlsDirectory;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string? _networkDirectory;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly List<string> _output = [];
    private Process _process = null!;

    public LocalnetProcess()
        : this(Directory.CreateTempSubdirectory("paraloom-localnet-").FullName, ownsDataDirectory: true, new Dictionary<string, string>())
    {
    }

    /// <summary>A localnet whose process has these environment variables too (PARALOOM_… settings).</summary>
    public static LocalnetProcess With(IReadOnlyDictionary<string, string> environment) =>
        new(Directory.CreateTempSubdirectory("paraloom-localnet-").FullName, ownsDataDirectory: true, environment);

    /// <summary>
    /// A localnet on <paramref name="dataDirectory"/>, which the caller keeps and deletes; with <paramref name="postgreSql"/>,
    /// state and reminders live there instead; started with <paramref name="arguments"/> too.
    /// </summary>
    public static LocalnetProcess On(string dataDirectory, string? postgreSql = null, params string[] arguments) =>
        new(dataDirectory, ownsDataDirectory: false, new Dictionary<string, string>(), postgreSql, arguments: arguments);

    /// <summary>A localnet on a data directory of its own, started with these arguments too.</summary>
    public static LocalnetProcess WithArguments(params string[] arguments) =>
        new(Directory.CreateTempSubdirectory("paraloom-localnet-").FullName, ownsDataDirectory: true, new Dictionary<string, string>(), arguments: arguments);

    /// <summary>
    /// One more silo, <paramref name="name"/>, joining the cluster on <paramref name="postgreSql"/> (<c>localnet --member</c>)
    /// with the cluster's TLS material in <paramref name="tlsDirectory"/> (its certificate issued there if missing), its
    /// validators admitted by the cluster's authority in <paramref name="networkDirectory"/>.
    /// </summary>
    public static LocalnetProcess Member(string name, string dataDirectory, string postgreSql, string tlsDirectory, string networkDirectory) =>
        new(dataDirectory, ownsDataDirectory: false, new Dictionary<string, string>(), postgreSql, name, tlsDirectory, networkDirectory);

    private LocalnetProcess(
        string dataDirectory, bool ownsDataDirectory, IReadOnlyDictionary<string, string> environment, string? postgreSql = null, string? member = null,
        string? tlsDirectory = null, string? networkDirectory = null, IReadOnlyList<string>? arguments = null)
    {
        _tlsDirectory = tlsDirectory;
        _networkDirectory = networkDirectory;
        _arguments = arguments ?? [];
        _member = member;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _environment = environment;
        _postgreSql = postgreSql;
    }

    public string DataDirectory { get; }

    public Uri Url { get; private set; } = null!;

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

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "paraloom.dll"), "localnet", "--port", "0", "--data", DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (option, value) in new[] { ("--postgres", _postgreSql), ("--member", _member), ("--tls", _tlsDirectory), ("--network", _networkDirectory) })
        {
            if (value is not null)
            {
                start.ArgumentList.Add(option);
                start.ArgumentList.Add(value);
            }
        }
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) => Record(line.Data, listening);
        _process.ErrorDataReceived += (_, line) => Record(line.Data, null);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            Url = await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"localnet did not start within {StartTimeout}:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code, at most <paramref name="bound"/> (20 s unless given), then kills it.</summary>
    public async Task<int> StopAsync(TimeSpan? bound = null)
    {
        await Signals.StopAsync(_process, bound ?? StopTimeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of any kind, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private void Record(string? line, TaskCompletionSource<Uri>? listening)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        const string marker = "listening on ";
        if (listening is not null && line.Contains(marker, StringComparison.Ordinal))
        {
            listening.TrySetResult(new Uri(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim()));
        }
    }
}
