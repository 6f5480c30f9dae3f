using Paraloom.Compute.Execution;

namespace Paraloom.Compute.Tests.Execution;

public class ExecutionSchedulerTests
{
    [Fact]
    public async Task Work_runs_on_a_dedicated_thread_not_the_pool()
    {
        using var scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });
        var (isPool, name) = await scheduler.RunAsync(
            () => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
        Assert.False(isPool);
        Assert.StartsWith("Paraloom execution", name);
    }

    [Fact]
    public async Task Callers_resume_off_the_execution_threads()
    {
        using var scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });
        // No synchronization context inside Task.Run: the continuation would run inline wherever the task completed.
        var resumedOn = await Task.Run(async () =>
        {
            // Long enough that the await registers its continuation before the work completes.
            await scheduler.RunAsync(() =>
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(300));
                return 1;
            });
            return Thread.CurrentThread.Name ?? "";
        });
        Assert.DoesNotContain("Paraloom execution", resumedOn);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_level_runs_at_once()
    {
        using var scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 2, QueueCapacity = 4 });
        using var started = new CountdownEvent(2);
        using var gate = new ManualResetEventSlim();
        var running = 0;
        var maxRunning = 0;
        var startedCount = 0;
        int Work()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            if (Interlocked.Increment(ref startedCount) <= 2)
            {
                started.Signal();
            }
            gate.Wait();
            Interlocked.Decrement(ref running);
            return now;
        }

        var tasks = Enumerable.Range(0, 6).Select(_ => scheduler.RunAsync(Work)).ToArray();
        started.Wait();
        Assert.Equal(6, scheduler.InFlight);
        gate.Set();
        await Task.WhenAll(tasks);

        Assert.Equal(2, maxRunning);
        Assert.Equal(0, scheduler.InFlight);
    }

    [Fact]
    public async Task Work_beyond_the_queue_is_refused_and_slots_are_released()
    {
        using var scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1, QueueCapacity = 1 });
        using var gate = new ManualResetEventSlim();
        var first = scheduler.RunAsync(() => gate.Wait(TimeSpan.FromMinutes(1)));
        var second = scheduler.RunAsync(() => true);

        Assert.Equal(2, scheduler.Capacity);
        var error = Assert.Throws<ExecutorBusyException>(() => { _ = scheduler.RunAsync(() => true); });
        Assert.Contains("2 execution slots", error.Message);

        gate.Set();
        await Task.WhenAll(first, second);
        Assert.Equal(0, scheduler.InFlight);
        Assert.True(await scheduler.RunAsync(() => true));
    }

    [Fact]
    public async Task Cancelled_work_does_not_run_and_frees_its_slot()
    {
        using var scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1, QueueCapacity = 1 });
        using var gate = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var blocker = scheduler.RunAsync(() => gate.Wait(TimeSpan.FromMinutes(1)));
        var ran = false;
        var queued = scheduler.RunAsync(() => ran = true, cts.Token);
        cts.Cancel();
        gate.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await blocker;
        Assert.False(ran);
        Assert.True(await scheduler.RunAsync(() => true));
    }

    [Fact]
    public async Task Exceptions_from_work_reach_the_caller()
    {
        using var scheduler = new ExecutionScheduler();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => scheduler.RunAsync<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", error.Message);
        Assert.Equal(0, scheduler.InFlight);
    }

    [Fact]
    public void A_disposed_scheduler_refuses_work()
    {
        var scheduler = new ExecutionScheduler();
        scheduler.Dispose();
        scheduler.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = scheduler.RunAsync(() => 1); });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
