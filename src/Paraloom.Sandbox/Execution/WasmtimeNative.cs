using System.Reflection;
using System.Runtime.InteropServices;

namespace Paraloom.Compute.Execution;

/// <summary>
/// The two Wasmtime settings the .NET API does not expose. Wasmtime refuses a <c>max_wasm_stack</c> above
/// <c>async_stack_size</c> (2 MiB by default) even when async is unused, so the native stack our budget needs
/// can only be configured by raising it through the C API on the config's native handle. And the pooling
/// allocator reserves 1,000 async stacks by default, each with its own guard-page mapping, though async is unused:
/// a test process with a few dozen engines ran out of mappings, so the pool is told to keep none.
/// </summary>
internal static class WasmtimeNative
{
    public static Wasmtime.Config WithAsyncStackSize(this Wasmtime.Config config, ulong bytes)
    {
        var property = typeof(Wasmtime.Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("This Wasmtime .NET version has no Config.NativeHandle; the async stack size cannot be set.");
        var handle = (SafeHandle)property.GetValue(config)!;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            AsyncStackSizeSet(handle.DangerousGetHandle(), bytes);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
        return config;
    }

    public static Wasmtime.PoolingAllocationConfig WithoutAsyncStacks(this Wasmtime.PoolingAllocationConfig pool)
    {
        // The binding has the setter, but not public.
        var method = typeof(Wasmtime.PoolingAllocationConfig).GetMethod("WithMaxStacks", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("This Wasmtime .NET version has no PoolingAllocationConfig.WithMaxStacks; the stack pool cannot be sized.");
        return (Wasmtime.PoolingAllocationConfig)method.Invoke(pool, [0u])!;
    }

    [DllImport("wasmtime", EntryPoint = "wasmtime_config_async_stack_size_set")]
    private static extern void AsyncStackSizeSet(IntPtr config, ulong size);
}
