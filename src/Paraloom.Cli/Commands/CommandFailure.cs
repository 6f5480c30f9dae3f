using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Runs a command's body and turns any failure into one line on standard error and a non-zero exit code:
/// users of a command line get the message, never a stack trace.
/// </summary>
internal static class CommandFailure
{
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(string command, TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"paraloom {command}: cancelled");
            return Cancelled;
        }
        catch (Exception failure)
        {
            await error.WriteLineAsync($"paraloom {command}: {Describe(failure)}");
            return Failed;
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        HttpRequestException unreachable => $"cannot reach the silo: {unreachable.Message}",
        ParaloomApiException refused => $"{refused.Message} ({refused.Status} {refused.Error})",
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => failure.Message,
    };
}
