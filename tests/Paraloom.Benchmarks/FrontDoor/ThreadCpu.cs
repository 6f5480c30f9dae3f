using System.Runtime.InteropServices;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// The calling thread's own CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so the requesters' share of a job can be
/// told apart from the silo's in one process: their synchronous work (build, seal, prove, decrypt, check) is timed on
/// the thread that does it. Elsewhere it reads zero and the table says so.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux();

    public static double NowMs()
    {
        if (!IsAvailable || clock_gettime(ThreadCpuClock, out var time) != 0)
        {
            return 0;
        }
        return time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
