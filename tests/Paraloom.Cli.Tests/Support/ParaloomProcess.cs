using System.Diagnostics;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// Runs the built <c>paraloom</c> in a child process with redirected (non-terminal) output and extra environment
/// variables, for what only a real process shows: its exit code, what reaches its standard streams, settings read
/// from the environment. Bounded: a run that does not end within a minute is killed and fails the test.
/// </summary>
internal static class ParaloomProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int Exit, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "paraloom.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"paraloom {string.Join(' ', args)} did not end within {Timeout}");
        }
        return (process.ExitCode, await output, await error);
    }
}
