using System.CommandLine;
using Paraloom.Cli.Commands;

var root = new RootCommand("paraloom: privacy-preserving WebAssembly compute");
// Each command group lives in its own file under Commands/ and is added here.
root.Subcommands.Add(WasmCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ComputeCommand.Create());
root.Subcommands.Add(LocalnetCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(DbCommand.Create());
return await root.Parse(args).InvokeAsync();
