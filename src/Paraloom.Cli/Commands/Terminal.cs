using Spectre.Console;

namespace Paraloom.Cli.Commands;

/// <summary>
/// What a command may draw on a writer: spinners and colour only on a terminal, no colour with NO_COLOR
/// (https://no-color.org), and no wrapping when the output goes to a file or a pipe.
/// </summary>
internal static class Terminal
{
    /// <summary>True when <paramref name="writer"/> is this process's console and that console is a terminal.</summary>
    public static bool IsInteractive(TextWriter writer) =>
        (ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected)
        || (ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected);

    public static bool NoColor => Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };

    /// <summary>A Spectre console on <paramref name="output"/>: plain text, unwrapped, unless it is a terminal.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output)
    {
        var interactive = IsInteractive(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive && !NoColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Spectre wraps at 80 columns when it cannot ask a terminal; a file or a pipe has no width.
            console.Profile.Width = short.MaxValue;
        }
        return console;
    }
}
