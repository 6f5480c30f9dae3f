using BenchmarkDotNet.Attributes;
using Paraloom.Actors;
using Paraloom.Actors.Testing;

namespace Paraloom.Benchmarks.Actors;

/// <summary>The cost of a grain call through the runtime: one awaited call, and many concurrent ones.</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int ConcurrentCalls = 1_000;
    private InProcessTestCluster _cluster = null!;
    private IBenchGrain _grain = null!;
    private IBenchGrain[] _grains = null!;

    public interface IBenchGrain : IGrainWithStringKey
    {
        Task<int> Echo(int value);
    }

    public sealed class BenchGrain : Grain, IBenchGrain
    {
        public Task<int> Echo(int value) => Task.FromResult(value);
    }

    [GlobalSetup]
    public async Task Setup()
    {
        _cluster = new InProcessTestCluster(silo => silo.AddGrain<IBenchGrain, BenchGrain>());
        await _cluster.StartAsync();
        _grain = _cluster.GrainFactory.GetGrain<IBenchGrain>("single");
        _grains = Enumerable.Range(0, 100).Select(i => _cluster.GrainFactory.GetGrain<IBenchGrain>($"g{i}")).ToArray();
        await Task.WhenAll(_grains.Select(grain => grain.Echo(0)));
        await _grain.Echo(0);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _cluster.DisposeAsync();

    [Benchmark(Description = "one awaited call")]
    public Task<int> SingleCall() => _grain.Echo(1);

    [Benchmark(Description = "1000 concurrent calls over 100 grains", OperationsPerInvoke = ConcurrentCalls)]
    public Task ConcurrentCallsOverManyGrains()
    {
        var calls = new Task<int>[ConcurrentCalls];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _grains[i % _grains.Length].Echo(i);
        }

        return Task.WhenAll(calls);
    }
}
