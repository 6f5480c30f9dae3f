using System.Runtime.ExceptionServices;

namespace Paraloom.Wasm.Execution;

/// <summary>
/// Runs compiled code on a thread whose stack holds the deepest wasm call chain the store's limits allow:
/// compiled wasm calls recurse on the host stack, and the default thread stack is far too small for them.
/// </summary>
internal static class LargeStack
{
    /// <summary>Host stack budgeted per wasm frame: the compiled body, the call helper and the delegate stub.</summary>
    private const long BytesPerFrame = 1024;

    private const long MinimumBytes = 16L << 20;
    private const long MaximumBytes = 1L << 30;

    [ThreadStatic] private static long t_stackBytes;

    public static void Run(StoreLimits limits, Action action)
    {
        var frames = Math.Min(limits.MaxCallDepth, limits.MaxStackUnits);
        var bytes = Math.Clamp(frames * BytesPerFrame + MinimumBytes, MinimumBytes, MaximumBytes);
        if (t_stackBytes >= bytes)
        {
            action();
            return;
        }

        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            t_stackBytes = bytes;
            try { action(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, (int)bytes) { IsBackground = true, Name = "Paraloom.Wasm compiled code" };
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
