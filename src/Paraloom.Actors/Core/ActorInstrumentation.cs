namespace Paraloom.Actors;

/// <summary>Names under which the runtime publishes telemetry.</summary>
public static class ActorInstrumentation
{
    /// <summary>
    /// The System.Diagnostics.Metrics meter: <c>paraloom.actors.activations</c> (live activations),
    /// <c>paraloom.actors.calls</c> (completed calls) and <c>paraloom.actors.call.duration</c> (seconds).
    /// </summary>
    public const string MeterName = "Paraloom.Actors";
}
