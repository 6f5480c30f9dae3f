using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*'` runs every benchmark class.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
