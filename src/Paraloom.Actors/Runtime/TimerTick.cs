using Microsoft.Extensions.Logging;

namespace Paraloom.Actors.Runtime;

/// <summary>One tick of a grain timer, run as a turn of the timer's activation.</summary>
internal sealed partial class TimerTick : ActivationWorkItem
{
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerCreationOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimerTick(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options, ILogger logger, CancellationToken cancellation)
    {
        _callback = callback;
        _options = options;
        _logger = logger;
        _cancellation = cancellation;
    }

    /// <summary>Completes when the tick ran (successfully or not) or was dropped; never faults.</summary>
    public Task Done => _done.Task;

    public override bool KeepsAlive => _options.KeepAlive;

    public override bool MayInterleave(GrainClassInfo grainClass) => grainClass.IsReentrant || _options.Interleave;

    public override async Task ExecuteAsync(GrainActivation activation, Grain grain)
    {
        try
        {
            if (!_cancellation.IsCancellationRequested)
            {
                await _callback(_cancellation);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The timer was disposed or the activation is going away while the tick ran: not an error.
        }
        catch (Exception exception)
        {
            LogTickFailed(_logger, exception, activation.GrainId);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    public override void Fail(Exception exception) => _done.TrySetResult();

    [LoggerMessage(Level = LogLevel.Error, Message = "A timer callback of grain {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}
