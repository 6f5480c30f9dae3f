using System.CommandLine;
using Paraloom.Cli.Commands;

namespace Paraloom.Cli.Tests.Support;

/// <summary>Runs paraloom's command line in this process, as Program does, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ParaloomCommandLine.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
