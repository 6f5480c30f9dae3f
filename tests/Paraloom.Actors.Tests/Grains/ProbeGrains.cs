namespace Paraloom.Actors.Tests.Grains;

public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters, awaits <paramref name="milliseconds"/>, leaves; records how many calls were inside at once.</summary>
    Task Work(int milliseconds);

    /// <summary>Enters and leaves without awaiting, spinning in between; records how many threads were inside at once.</summary>
    Task Spin();

    Task<int> MaxInside();

    Task<int> MaxParallel();

    [AlwaysInterleave]
    Task<int> InsideNow();

    [OneWay]
    Task SlowOneWay(int milliseconds);

    Task<int> OneWayCompleted();
}

public interface ISerialProbeGrain : IProbeGrain;

public interface IReentrantProbeGrain : IProbeGrain;

public abstract class ProbeGrainBase : Grain, IProbeGrain
{
    private int _inside;
    private int _maxInside;
    private int _parallel;
    private int _maxParallel;
    private int _oneWayCompleted;

    public async Task Work(int milliseconds)
    {
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, inside);
        try
        {
            await Task.Delay(milliseconds);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public async Task Spin()
    {
        await Task.Yield();
        var parallel = Interlocked.Increment(ref _parallel);
        InterlockedMax(ref _maxParallel, parallel);
        Thread.SpinWait(20_000);
        Interlocked.Decrement(ref _parallel);
    }

    public Task<int> MaxInside() => Task.FromResult(Volatile.Read(ref _maxInside));

    public Task<int> MaxParallel() => Task.FromResult(Volatile.Read(ref _maxParallel));

    public Task<int> InsideNow() => Task.FromResult(Volatile.Read(ref _inside));

    public async Task SlowOneWay(int milliseconds)
    {
        await Task.Delay(milliseconds);
        _oneWayCompleted++;
    }

    public Task<int> OneWayCompleted() => Task.FromResult(_oneWayCompleted);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public sealed class SerialProbeGrain : ProbeGrainBase, ISerialProbeGrain;

[Reentrant]
public sealed class ReentrantProbeGrain : ProbeGrainBase, IReentrantProbeGrain;
