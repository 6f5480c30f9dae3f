namespace Paraloom.Compute.Execution.Scripts;

/// <summary>A spec script could not be converted or read.</summary>
public sealed class ScriptException : Exception
{
    public ScriptException(string message) : base(message)
    {
    }
}
