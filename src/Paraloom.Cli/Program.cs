using System.CommandLine;

var root = new RootCommand("paraloom: privacy-preserving WebAssembly compute");
// Each command group lives in its own file under Commands/ and is added here.
root.Subcommands.Add(Paraloom.Cli.Commands.WasmCommand.Create());
return root.Parse(args).Invoke();
