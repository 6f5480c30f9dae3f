using System.Globalization;

namespace Paraloom.Cli.Commands;

/// <summary>
/// A process named so that a reused process id is not mistaken for it: its id and its start time (Linux's
/// <c>/proc/PID/stat</c>, in clock ticks since boot). Written to a file as one line, <c>PID START</c>.
/// </summary>
internal sealed record ProcessIdentity(int ProcessId, long StartTime)
{
    /// <summary>The identity of the running process <paramref name="processId"/>, or null when it is gone.</summary>
    public static ProcessIdentity? Of(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name, in parentheses, may hold spaces: fields are counted after its closing parenthesis,
            // where the start time is the 20th (field 22 of proc(5)).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessIdentity(processId, long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether this process still runs (the same id with the same start time).</summary>
    public bool IsAlive => Of(ProcessId) == this;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ProcessId} {StartTime}");

    /// <summary>Reads what <see cref="ToString"/> wrote; null for anything else.</summary>
    public static ProcessIdentity? Parse(string text) =>
        text.Trim().Split(' ') is [var id, var start]
        && int.TryParse(id, CultureInfo.InvariantCulture, out var processId)
        && long.TryParse(start, CultureInfo.InvariantCulture, out var startTime)
            ? new ProcessIdentity(processId, startTime)
            : null;
}
