namespace Paraloom.Wasm.Scripts;

/// <summary>The outcome of one spec script: counts and one line per failed command.</summary>
public sealed record ScriptResult(string Name, int Passed, int Failed, int Skipped, IReadOnlyList<string> Failures)
{
    public int Total => Passed + Failed + Skipped;
}
