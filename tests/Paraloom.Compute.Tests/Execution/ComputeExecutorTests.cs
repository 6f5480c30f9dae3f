using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;
using TrapCode = Paraloom.Compute.Execution.TrapCode;

namespace Paraloom.Compute.Tests.Execution;

public sealed class ComputeExecutorTests : IDisposable
{
    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 2 });
    private readonly ComputeExecutor _executor;

    public ComputeExecutorTests() => _executor = new ComputeExecutor(_scheduler);

    public void Dispose() => _scheduler.Dispose();

    private Task<ExecutionResult> Execute(byte[] module, byte[]? input = null, ResourceLimits? limits = null) =>
        _executor.ExecuteAsync(new ExecutionRequest(module, input ?? [], limits));

    [Fact]
    public async Task Echo_returns_its_input_with_a_digest_and_fuel()
    {
        var result = await Execute(Modules.Echo, [1, 2, 3, 4, 5]);

        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal([1, 2, 3, 4, 5], result.Output.ToArray());
        Assert.True(result.FuelUsed > 0);
        Assert.NotNull(result.Digest);
    }

    [Fact]
    public async Task Executions_are_deterministic_and_fuel_grows_with_work()
    {
        var input = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var first = await Execute(Modules.ByteSum, input);
        var second = await Execute(Modules.ByteSum, input);
        var shorter = await Execute(Modules.ByteSum, input[..100]);

        Assert.Equal([(byte)input.Sum(b => b)], first.Output.ToArray());
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.FuelUsed, second.FuelUsed);
        Assert.True(shorter.FuelUsed < first.FuelUsed);
    }

    [Fact]
    public async Task A_fresh_instance_serves_every_execution()
    {
        // The bump allocator keeps its pointer in a global: a reused instance would hand out a new address.
        var first = await Execute(Modules.Run("(i64.extend_i32_u (local.get $p))"));
        var second = await Execute(Modules.Run("(i64.extend_i32_u (local.get $p))"));
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task Unreachable_is_a_deterministic_trap()
    {
        var result = await Execute(Modules.Unreachable);
        Assert.Equal(ExecutionStatus.Trap, result.Status);
        Assert.Equal(TrapCode.Unreachable, result.Trap);
        Assert.Equal(result.Digest, (await Execute(Modules.Unreachable)).Digest);
    }

    [Fact]
    public async Task Running_out_of_fuel_traps_and_uses_all_the_fuel()
    {
        var result = await Execute(Modules.InfiniteLoop, limits: new ResourceLimits { Fuel = 100_000 });
        Assert.Equal(TrapCode.OutOfFuel, result.Trap);
        Assert.Equal(100_000, result.FuelUsed);
        Assert.True(result.IsVotable);
    }

    [Fact]
    public async Task Unbounded_recursion_exhausts_the_call_stack()
    {
        var result = await Execute(Modules.InfiniteRecursion);
        Assert.Equal(TrapCode.CallStackExhausted, result.Trap);
    }

    [Fact]
    public async Task The_wall_clock_limit_ends_execution_as_a_timeout_without_a_digest()
    {
        var limits = new ResourceLimits { WallClock = TimeSpan.FromMilliseconds(200), Fuel = long.MaxValue / 2 };
        var result = await Execute(Modules.InfiniteLoop, limits: limits);
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Null(result.Digest);
        Assert.True(result.FuelUsed > 0);
    }

    [Fact]
    public async Task Cancellation_interrupts_a_running_execution()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var limits = new ResourceLimits { Fuel = long.MaxValue / 2 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _executor.ExecuteAsync(new ExecutionRequest(Modules.InfiniteLoop, Array.Empty<byte>(), limits), cancellation.Token));
        Assert.Equal(ExecutionStatus.Ok, (await Execute(Modules.Echo, [1])).Status);
    }

    [Fact]
    public async Task Memory_growth_beyond_the_limit_fails_inside_the_program()
    {
        var grow = Modules.Run("(i32.store (i32.const 0) (memory.grow (i32.const 2000))) (i64.const 4)");
        var result = await Execute(grow);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], result.Output.ToArray());

        var generous = await Execute(grow, limits: new ResourceLimits { MemoryBytes = 256L * 1024 * 1024 });
        Assert.Equal([1, 0, 0, 0], generous.Output.ToArray());
    }

    [Fact]
    public async Task An_initial_memory_above_the_limit_fails_instantiation()
    {
        var result = await Execute(Modules.Run("(i64.const 0)", memory: "(memory (export \"memory\") 2000)"));
        Assert.Equal(AbiErrorKind.InstantiationFailed, result.AbiError);
    }

    [Fact]
    public async Task Outputs_above_the_cap_or_outside_memory_are_deterministic_errors()
    {
        var small = new ResourceLimits { MaxOutputBytes = 4 };
        Assert.Equal(AbiErrorKind.OutputTooLarge, (await Execute(Modules.Echo, [1, 2, 3, 4, 5], small)).AbiError);
        Assert.Equal(ExecutionStatus.Ok, (await Execute(Modules.Echo, [1, 2, 3, 4], small)).Status);
        Assert.Equal(AbiErrorKind.OutputOutOfBounds, (await Execute(Modules.ReturnsRegion(65530, 16))).AbiError);
        Assert.Equal(AbiErrorKind.OutputOutOfBounds, (await Execute(Modules.ReturnsRegion(uint.MaxValue, 16))).AbiError);
        Assert.Equal(AbiErrorKind.InputOutOfBounds, (await Execute(Modules.AllocOutOfBounds, [1, 2])).AbiError);
    }

    [Fact]
    public async Task Modules_that_break_the_abi_get_deterministic_errors()
    {
        Assert.Equal(AbiErrorKind.HasImports, (await Execute(Modules.WithImport)).AbiError);
        Assert.Equal(AbiErrorKind.MissingExport, (await Execute(Modules.WithoutRun)).AbiError);
        Assert.Equal(AbiErrorKind.ExportTypeMismatch, (await Execute(Modules.RunWithWrongSignature)).AbiError);
        Assert.Equal(AbiErrorKind.ExportTypeMismatch, (await Execute(Modules.MemoryNotAMemory)).AbiError);
        Assert.Equal(AbiErrorKind.InvalidModule, (await Execute([0, 97, 115, 109, 9, 9, 9, 9])).AbiError);
        var failed = await Execute(Modules.WithImport);
        Assert.Equal(failed.Digest, (await Execute(Modules.WithImport)).Digest);
    }

    [Fact]
    public async Task A_trap_in_the_start_function_is_a_result()
    {
        var result = await Execute(Modules.TrapInStart);
        Assert.Equal(TrapCode.IntegerDivideByZero, result.Trap);
    }

    [Fact]
    public void A_scheduler_whose_threads_cannot_hold_the_stack_budget_is_refused()
    {
        using var small = new ExecutionScheduler(new ExecutionSchedulerOptions { ThreadStackBytes = 16 * 1024 * 1024 });
        var error = Assert.Throws<ArgumentException>(() => new ComputeExecutor(small));
        Assert.Contains("stack", error.Message);
    }

    [Fact]
    public void Empty_modules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ExecutionRequest(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty));
    }
}
