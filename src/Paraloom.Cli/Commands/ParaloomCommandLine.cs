using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The whole <c>paraloom</c> command line: its commands, and how a mistake in what was typed is reported (one
/// line naming the option and what is wrong, exit code 2) instead of System.CommandLine's error-and-help page.
/// </summary>
internal static class ParaloomCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("paraloom: privacy-preserving WebAssembly compute");
        // Each command group lives in its own file under Commands/ and is added here.
        root.Subcommands.Add(WasmCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(ComputeCommand.Create());
        root.Subcommands.Add(LocalnetCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(NetworkCommand.Create());
        root.Subcommands.Add(ValidatorsCommand.Create());
        root.Subcommands.Add(NotesCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, InvocationConfiguration configuration)
    {
        var root = Create();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var names = new List<string>();
            for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            {
                names.Insert(0, result.Command.Name);
            }
            var command = string.Join(' ', names.Prepend("paraloom"));
            var first = parse.Errors[0].Message;
            var more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more; see --help)" : " (see --help)";
            await configuration.Error.WriteLineAsync($"{command}: {first}{more}");
            return ExitCodes.Usage;
        }
        if (parse.Action is HelpAction help && !Terminal.IsInteractive(configuration.Output))
        {
            // A file or a pipe has no width: help is not wrapped at 80 columns there.
            help.MaxWidth = int.MaxValue;
        }
        if (parse.CommandResult.Command.Name == LocalnetCommand.Name)
        {
            // localnet takes its stop signals itself: stopping its silos and database takes longer than the two
            // seconds System.CommandLine waits after Ctrl-C before it ends the process.
            configuration.ProcessTerminationTimeout = null;
        }
        return await parse.InvokeAsync(configuration);
    }
}
