using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Paraloom.Cli.Tests.Support;

/// <summary>POSIX signals for the test's child processes: a crash (SIGKILL), and a stop as a service manager asks for it.</summary>
internal static partial class Signals
{
    public const int Terminate = 15;
    public const int KillNow = 9;

    /// <summary>Sends the signal; a process already gone is not an error.</summary>
    public static void Send(int processId, int signal) => _ = Kill(processId, signal);

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
