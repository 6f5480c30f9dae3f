using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Paraloom.Cli.Tests.Support;

/// <summary>
/// POSIX signals for the test's child processes: a crash (SIGKILL), a stop as a service manager asks for it (SIGTERM),
/// and what a terminal sends its foreground process group (SIGINT for Ctrl-C, SIGHUP when it closes).
/// </summary>
internal static partial class Signals
{
    public const int HangUp = 1;
    public const int Interrupt = 2;
    public const int KillNow = 9;
    public const int Terminate = 15;

    /// <summary>Sends the signal; a process already gone is not an error.</summary>
    public static void Send(int processId, int signal) => _ = Kill(processId, signal);

    /// <summary>Sends the signal to every process of the group <paramref name="groupId"/>, as a terminal does.</summary>
    public static void SendToGroup(int groupId, int signal) => _ = Kill(-groupId, signal);

    /// <summary>SIGTERM, then a bounded wait for the exit; what has not stopped by then is killed with its children.</summary>
    public static async Task StopAsync(Process process, TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            Send(process.Id, Terminate);
        }
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
