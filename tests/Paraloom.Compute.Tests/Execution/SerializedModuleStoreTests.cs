using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

public sealed class SerializedModuleStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("paraloom-module-cache-");
    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });

    public void Dispose()
    {
        _scheduler.Dispose();
        _directory.Delete(recursive: true);
    }

    private string[] Artifacts() => Directory.GetFiles(_directory.FullName, "*.cwasm", SearchOption.AllDirectories);

    [Fact]
    public async Task A_module_compiled_by_one_engine_is_loaded_by_a_fresh_one_and_runs()
    {
        using (var first = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName)))
        {
            first.Compile(first.Admit(Modules.Echo));
        }
        Assert.Single(Artifacts());

        using var second = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName));
        var store = new SerializedModuleStore(_directory.FullName);
        Assert.NotNull(store.TryLoad(second.Wasmtime, second.Profile, second.Admit(Modules.Echo).InstrumentedSha256));
        var result = await new ComputeExecutor(_scheduler, second).ExecuteAsync(new ExecutionRequest(Modules.Echo, "cached"u8.ToArray()));
        Assert.Equal("cached"u8.ToArray(), result.Output.ToArray());
    }

    [Fact]
    public async Task An_artifact_with_one_byte_flipped_is_refused_deleted_and_compiled_again()
    {
        using (var first = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName)))
        {
            first.Compile(first.Admit(Modules.Echo));
        }
        var artifact = Assert.Single(Artifacts());
        var bytes = await File.ReadAllBytesAsync(artifact);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(artifact, bytes);

        using var second = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName));
        var store = new SerializedModuleStore(_directory.FullName);
        Assert.Null(store.TryLoad(second.Wasmtime, second.Profile, second.Admit(Modules.Echo).InstrumentedSha256));
        Assert.Empty(Artifacts());
        var result = await new ComputeExecutor(_scheduler, second).ExecuteAsync(new ExecutionRequest(Modules.Echo, "fresh"u8.ToArray()));
        Assert.Equal("fresh"u8.ToArray(), result.Output.ToArray());
        Assert.Single(Artifacts()); // compiled again and stored again
    }

    [Fact]
    public void An_entry_is_not_loaded_under_another_profile()
    {
        using var engine = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName));
        var admitted = engine.Admit(Modules.Echo);
        engine.Compile(admitted);
        var other = engine.Profile with { ConfigurationHash = new string('0', 64) };
        Assert.Null(new SerializedModuleStore(_directory.FullName).TryLoad(engine.Wasmtime, other, admitted.InstrumentedSha256));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_bound()
    {
        using var engine = new SandboxEngine(diskCache: new SerializedModuleStore(_directory.FullName, maxEntries: 2));
        foreach (var module in new[] { Modules.Echo, Modules.ByteSum, Modules.TrapInStart })
        {
            engine.Compile(engine.Admit(module));
        }
        Assert.Equal(2, Artifacts().Length);
    }
}
