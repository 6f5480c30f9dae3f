using System.CommandLine;

var root = new RootCommand("paraloom: privacy-preserving WebAssembly compute");
// Each command group lives in its own file under Commands/ and is added here.
root.Subcommands.Add(Paraloom.Cli.Commands.ComputeCommand.Create());
root.Subcommands.Add(Paraloom.Cli.Commands.LocalnetCommand.Create());
root.Subcommands.Add(Paraloom.Cli.Commands.DemoCommand.Create());
return await root.Parse(args).InvokeAsync();
