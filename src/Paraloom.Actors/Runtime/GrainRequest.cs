using System.Diagnostics;

namespace Paraloom.Actors.Runtime;

/// <summary>A call to a grain method, on its way to (or in) an activation.</summary>
internal sealed class GrainRequest : ActivationWorkItem
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object?[] _arguments;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public GrainRequest(GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments)
    {
        Target = target;
        GrainClass = grainClass;
        Method = method;
        _arguments = arguments;
    }

    public GrainId Target { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainMethod Method { get; }

    /// <summary>Completes with the method's result or its exception, unchanged.</summary>
    public Task<object?> Completion => _completion.Task;

    public override bool KeepsAlive => true;

    public override bool MayInterleave(GrainClassInfo grainClass) => grainClass.IsReentrant || Method.IsAlwaysInterleave;

    public override async Task ExecuteAsync(GrainActivation activation, Grain grain)
    {
        try
        {
            var result = await Method.Invoke(grain, _arguments);
            Record(activation, failed: false);
            _completion.TrySetResult(result);
        }
        catch (Exception exception)
        {
            Record(activation, failed: true);
            if (exception is InconsistentStateException)
            {
                activation.RequestDeactivation(new DeactivationReason(
                    DeactivationReasonCode.ApplicationError, $"{Method.Name} hit a stale ETag; the state will be reloaded"));
            }

            _completion.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    private void Record(GrainActivation activation, bool failed) =>
        activation.Metrics.CallCompleted(GrainClass.GrainType, Method.Name, Stopwatch.GetElapsedTime(_startedAt), failed);
}
