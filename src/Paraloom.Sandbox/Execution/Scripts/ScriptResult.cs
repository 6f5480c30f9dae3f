namespace Paraloom.Compute.Execution.Scripts;

/// <summary>
/// The outcome of one spec script: counts, the skipped commands by category (e.g. "text-format module") and
/// one line per failed command.
/// </summary>
public sealed record ScriptResult(
    string Name, int Passed, int Failed, IReadOnlyDictionary<string, int> Skipped, IReadOnlyList<string> Failures)
{
    public int SkippedCount => Skipped.Values.Sum();

    public int Total => Passed + Failed + SkippedCount;
}
