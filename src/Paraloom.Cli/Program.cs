using System.CommandLine;
using Paraloom.Cli.Commands;

return await ParaloomCommandLine.RunAsync(args, new InvocationConfiguration());
