using System.Diagnostics;

namespace Paraloom.Cli.Tests.Support;

/// <summary>What runs on this machine, read from Linux's /proc: to check that nothing a test started outlives it.</summary>
internal static class ProcessTable
{
    /// <summary>The ids of running processes whose command line mentions <paramref name="text"/> (a directory, say).</summary>
    public static IReadOnlyList<int> Mentioning(string text)
    {
        var found = new List<int>();
        foreach (var entry in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var processId) || processId == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal)
                    && !IsZombie(entry))
                {
                    found.Add(processId);
                }
            }
            catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
            {
                // Ended while being read.
            }
        }
        return found;
    }

    /// <summary>Whether the process runs (an exited child not yet reaped by its parent does not).</summary>
    public static bool IsRunning(int processId) => File.Exists($"/proc/{processId}/stat") && !IsZombie($"/proc/{processId}");

    /// <summary>Polls (bounded) until <paramref name="done"/> holds; returns whether it did.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> done, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > bound)
            {
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    private static bool IsZombie(string entry)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(entry, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
