using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

/// <summary>
/// Job executions take their memory from the pooling allocator's slots (<see cref="InstancePool"/>): a slot reused
/// must hold nothing of the job before it, a job must behave as on the on-demand allocator, and more stores than
/// slots must wait rather than fail.
/// </summary>
public sealed class PoolingAllocatorTests : IDisposable
{
    // Grows memory to 64 pages, returns the 16 bytes at 70,000 (inside the part of a slot kept resident and zeroed in
    // place) and at 3,000,000 (past it: returned to the kernel), then writes its input at both places.
    private static readonly byte[] ReadsThenWritesSecrets = Modules.Run("""
        (drop (memory.grow (i32.sub (i32.const 64) (memory.size))))
        (i64.store (i32.const 60000) (i64.load (i32.const 70000)))
        (i64.store (i32.const 60008) (i64.load (i32.const 70008)))
        (i64.store (i32.const 60016) (i64.load (i32.const 3000000)))
        (i64.store (i32.const 60024) (i64.load (i32.const 3000008)))
        (memory.copy (i32.const 70000) (local.get $p) (local.get $n))
        (memory.copy (i32.const 3000000) (local.get $p) (local.get $n))
        (i64.or (i64.shl (i64.const 60000) (i64.const 32)) (i64.const 32))
        """);

    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 2 });

    public void Dispose() => _scheduler.Dispose();

    [Fact]
    public async Task A_reused_slot_holds_nothing_of_the_job_before()
    {
        using var engine = new SandboxEngine();
        var executor = new ComputeExecutor(_scheduler, engine);
        var secret = Enumerable.Range(1, 16).Select(i => (byte)(0xA0 + i)).ToArray();
        for (var run = 0; run < 3 * InstancePool.Slots; run++)
        {
            var result = await executor.ExecuteAsync(new ExecutionRequest(ReadsThenWritesSecrets, secret));
            Assert.Equal(ExecutionStatus.Ok, result.Status);
            Assert.Equal(new byte[32], result.Output.ToArray());
        }
    }

    [Fact]
    public async Task Jobs_give_the_results_and_fuel_of_the_on_demand_allocator()
    {
        using var pooled = new SandboxEngine();
        using var onDemand = SandboxEngine.ForScripts();
        var growsPastItsLimit = Modules.Run("""
            (i64.extend_i32_s (i32.add (memory.grow (i32.const 15)) (i32.mul (memory.grow (i32.const 1)) (i32.const 1000))))
            """);
        var limits = new ResourceLimits { MemoryBytes = 16 * 65536 };
        foreach (var (module, input) in new[] { (NaNCorpus.Module, NaNCorpus.Input(0x7FF8_0000_0000_1234, 0)), (growsPastItsLimit, []) })
        {
            var request = new ExecutionRequest(module, input, limits);
            var fromPool = await new ComputeExecutor(_scheduler, pooled).ExecuteAsync(request);
            var fromDemand = await new ComputeExecutor(_scheduler, onDemand).ExecuteAsync(request);
            Assert.Equal(fromDemand.Status, fromPool.Status);
            Assert.Equal(fromDemand.Digest, fromPool.Digest);
            Assert.Equal(fromDemand.FuelUsed, fromPool.FuelUsed);
        }
    }

    [Fact]
    public async Task A_store_past_the_pool_waits_for_a_slot_instead_of_failing()
    {
        using var engine = new SandboxEngine();
        SandboxStore NewStore() => new(engine, 1_000_000, 1 << 20, DateTime.UtcNow.AddMinutes(1), CancellationToken.None);
        var held = Enumerable.Range(0, InstancePool.Slots).Select(_ => NewStore()).ToList();
        var waiting = Task.Run(() =>
        {
            using var store = NewStore();
            return true;
        });
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        held[0].Dispose();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        foreach (var store in held.Skip(1)) store.Dispose();
    }
}
