using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/Paraloom.Benchmarks -- corpus [check|small|full] [REPS]` compares the wasm
// engine with V8 and native code; any other arguments go to BenchmarkSwitcher (e.g. `-- --filter '*'`).
if (args.Length > 0 && args[0] == "corpus") return Paraloom.Benchmarks.Corpus.CorpusBench.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
