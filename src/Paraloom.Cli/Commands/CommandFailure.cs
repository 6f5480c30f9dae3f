using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Runs a command's body and turns any failure into one line on standard error and a non-zero exit code:
/// users of a command line get the message, never a stack trace.
/// </summary>
internal static class CommandFailure
{
    /// <summary>The exit code of a failure (<see cref="ExitCodes.Failed"/>), for commands that decide it themselves.</summary>
    public const int Failed = ExitCodes.Failed;

    public static async Task<int> RunAsync(string command, TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"paraloom {command}: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (UsageException usage)
        {
            await error.WriteLineAsync($"paraloom {command}: {usage.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception failure)
        {
            await error.WriteLineAsync($"paraloom {command}: {OneLine(Describe(failure))}");
            return ExitCodes.Failed;
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        SiloUnreachableException unreachable => unreachable.Message,
        ParaloomApiException refused => $"{refused.Message} ({refused.Status} {refused.Error})",
        IOException { InnerException: AddressInUseException } => $"{failure.Message} Pick another --port, or --port 0 for any free one.",
        OptionsValidationException invalid => $"a setting is invalid: {string.Join("; ", invalid.Failures)}",
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => failure.Message,
    };

    /// <summary>Framework messages sometimes span lines; a command's failure is one.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
