using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Runs a command's body and turns any failure into one line on standard error and a non-zero exit code:
/// users of a command line get the message, never a stack trace. With <c>--json</c> the line is a JSON object
/// (<c>command</c>, <c>error</c>, <c>status</c> when the silo answered, <c>message</c>), so scripts read failures the way
/// they read results.
/// </summary>
internal static class CommandFailure
{
    /// <summary>The exit code of a failure (<see cref="ExitCodes.Failed"/>), for commands that decide it themselves.</summary>
    public const int Failed = ExitCodes.Failed;

    public static Task<int> RunAsync(string command, TextWriter error, Func<Task<int>> body) => RunAsync(command, error, json: false, body);

    /// <summary>As <see cref="RunAsync(string, TextWriter, Func{Task{int}})"/>; a failure is a JSON line when <paramref name="json"/>.</summary>
    public static async Task<int> RunAsync(string command, TextWriter error, bool json, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            return Report(error, command, json, new Failure("cancelled", null, "cancelled"), ExitCodes.Cancelled);
        }
        catch (UsageException usage)
        {
            return Report(error, command, json, new Failure("usage", null, usage.Message), ExitCodes.Usage);
        }
        catch (Exception failure)
        {
            return Report(error, command, json, Describe(failure), ExitCodes.Failed);
        }
    }

    /// <summary>Writes <paramref name="failure"/> as the command's one line (text or JSON) and returns <paramref name="exitCode"/>.</summary>
    public static int Report(TextWriter error, string command, bool json, Failure failure, int exitCode = ExitCodes.Failed)
    {
        var message = OneLine(failure.Message);
        error.WriteLine(json
            ? JsonSerializer.Serialize(new { command = $"paraloom {command}", error = failure.Error, status = failure.Status, message }, FailureJson)
            : $"paraloom {command}: {(failure.Status is { } status ? $"{message} ({status} {failure.Error})" : message)}");
        return exitCode;
    }

    private static readonly JsonSerializerOptions FailureJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static Failure Describe(Exception failure) => failure switch
    {
        SiloUnreachableException unreachable => new(unreachable.Error, null, unreachable.Message),
        ParaloomApiException refused => new(refused.Error, refused.Status, refused.Message),
        IOException { InnerException: AddressInUseException } => new("address-in-use", null, $"{failure.Message} Pick another --port, or --port 0 for any free one."),
        OptionsValidationException invalid => new("invalid-setting", null, $"a setting is invalid: {string.Join("; ", invalid.Failures)}"),
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => new("failed", null, failure.Message),
    };

    /// <summary>Framework messages sometimes span lines; a command's failure is one.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>Why a command failed: a short stable code, the silo's HTTP status when it answered, and what to tell the user.</summary>
internal sealed record Failure(string Error, int? Status, string Message);
