using BenchmarkDotNet.Running;
using Paraloom.Benchmarks.Privacy;

// `dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*'` runs every benchmark class;
// `-- privacy-table [rounds]` prints the interleaved old-versus-new privacy table instead.
if (args is ["privacy-table", ..])
{
    InterleavedComparison.Run(args.Length > 1 ? int.Parse(args[1]) : 15);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
