using System.CommandLine;
using Paraloom.Cli.Commands;

namespace Paraloom.Cli.Tests.Support;

/// <summary>Runs paraloom's commands in this process, capturing what they print.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ComputeCommand.Create(), LocalnetCommand.Create(), DemoCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
