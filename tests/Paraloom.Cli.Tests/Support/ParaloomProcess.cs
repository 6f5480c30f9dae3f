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

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string Paraloom => Path.Combine(AppContext.BaseDirectory, "paraloom.dll");

    public static Task<(int Exit, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Dotnet, [Paraloom, .. args], environment);

    /// <summary>
    /// Runs paraloom on a pseudo-terminal, through util-linux's <c>script</c>, as a person at a terminal would:
    /// what it prints there (escape codes included) comes back as the output.
    /// </summary>
    public static Task<(int Exit, string Output, string Error)> RunInTerminalAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync("script", ["--quiet", "--return", "--command", string.Join(' ', new[] { Dotnet, Paraloom }.Concat(args).Select(Quote)), "/dev/null"], environment);

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string program, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
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
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within {Timeout}");
        }
        return (process.ExitCode, await output, await error);
    }
}
