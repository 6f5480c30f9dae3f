using System.CommandLine;
using System.Globalization;
using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary><c>--fuel</c>, <c>--max-memory</c> and <c>--timeout</c>: a job's limits, in the units <c>wasm run</c> takes.</summary>
internal sealed class LimitOptions
{
    public Option<long?> Fuel { get; } = new("--fuel")
    {
        Description = "Fuel for one execution, about one unit per instruction; running out is a trap (network default 1000000000)",
        HelpName = "UNITS",
        CustomParser = result => Positive(result, "--fuel", "a positive number of fuel units"),
    };

    public Option<long?> MaxMemory { get; } = new("--max-memory")
    {
        Description = "Linear memory limit in bytes, a multiple of 65536 (network default 67108864, 64 MiB)",
        HelpName = "BYTES",
        CustomParser = result =>
        {
            var bytes = Positive(result, "--max-memory", "a positive number of bytes");
            if (bytes % JobLimits.WasmPageBytes != 0)
            {
                result.AddError($"--max-memory must be a multiple of {JobLimits.WasmPageBytes} bytes (64 KiB WebAssembly pages), not {bytes}.");
            }
            return bytes;
        },
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Wall-clock limit of one execution in seconds (network default 30)",
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds)
            {
                return seconds;
            }
            result.AddError($"--timeout must be a positive number of seconds, not '{text}'.");
            return null;
        },
    };

    public JobLimits Read(ParseResult parse) => new()
    {
        Fuel = parse.GetValue(Fuel),
        MemoryBytes = parse.GetValue(MaxMemory),
        WallClock = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };

    /// <summary>Parses a positive integer, or records an error naming the option (System.CommandLine's own would name the CLR type).</summary>
    public static long? Positive(System.CommandLine.Parsing.ArgumentResult result, string option, string what)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }
        var text = result.Tokens[0].Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }
        result.AddError($"{option} must be {what}, not '{text}'.");
        return null;
    }
}
