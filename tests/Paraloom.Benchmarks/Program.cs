using BenchmarkDotNet.Running;
using Paraloom.Benchmarks.Jobs;

// `dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*'` runs every benchmark class;
// `-- private-job-throughput [jobs] [concurrency] [validators]` prints sustained throughput and latency percentiles.
if (args is [PrivateJobThroughput.Command, ..])
{
    await PrivateJobThroughput.RunAsync(args);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
