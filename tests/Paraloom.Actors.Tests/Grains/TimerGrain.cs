using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(int periodMilliseconds, bool keepAlive);

    Task<int> Ticks();

    /// <summary>Stops the timer and returns the final tick count (no tick can run during this turn).</summary>
    Task<int> Stop();

    /// <summary>Holds the turn for a while; a non-interleaving tick must not run meanwhile.</summary>
    Task Busy(int milliseconds);

    Task<int> MaxInside();
}

public sealed class TimerGrain(LifecycleLog log) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inside;
    private int _maxInside;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"timer deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task Start(int periodMilliseconds, bool keepAlive)
    {
        _timer?.Dispose();
        var period = TimeSpan.FromMilliseconds(periodMilliseconds);
        _timer = RegisterGrainTimer(Tick, this, new GrainTimerCreationOptions(period, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task<int> Stop()
    {
        _timer?.Dispose();
        return Task.FromResult(_ticks);
    }

    public async Task Busy(int milliseconds)
    {
        Enter();
        await Task.Delay(milliseconds);
        _inside--;
    }

    public Task<int> MaxInside() => Task.FromResult(_maxInside);

    private static async Task Tick(TimerGrain grain, CancellationToken cancellationToken)
    {
        grain.Enter();
        await Task.Delay(5, cancellationToken);
        grain._ticks++;
        grain._inside--;
    }

    private void Enter()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
    }
}
