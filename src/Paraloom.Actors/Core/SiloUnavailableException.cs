namespace Paraloom.Actors;

/// <summary>Thrown to callers when the actor runtime is not running (not started yet, stopping or stopped).</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException(string message) : base(message)
    {
    }
}
