using BenchmarkDotNet.Attributes;
using Paraloom.Actors;

namespace Paraloom.Benchmarks.Actors;

/// <summary>The cost of one ETag-checked state write: in memory, and durable on disk (fsync of file and directory).</summary>
public class GrainStorageBenchmarks
{
    private static readonly GrainId Grain = new("bench", "key");
    private readonly GrainState<Payload> _memoryState = new(new Payload());
    private readonly GrainState<Payload> _fileState = new(new Payload());
    private MemoryGrainStorage _memory = null!;
    private FileGrainStorage _file = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "paraloom-bench-" + Guid.NewGuid().ToString("N"));
        _memory = new MemoryGrainStorage();
        _file = new FileGrainStorage(_directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "memory write")]
    public Task MemoryWrite() => _memory.WriteStateAsync("s", Grain, _memoryState);

    [Benchmark(Description = "durable file write")]
    public Task FileWrite() => _file.WriteStateAsync("s", Grain, _fileState);

    public sealed class Payload
    {
        public string JobId { get; set; } = "job-0001";

        public int Attempt { get; set; } = 2;

        public List<string> Cohort { get; set; } = ["validator-a", "validator-b", "validator-c"];
    }
}
