using System.Runtime.InteropServices;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

public sealed class ExecutionProfileTests : IDisposable
{
    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });

    public void Dispose() => _scheduler.Dispose();

    [Fact]
    public void The_profile_names_the_engine_its_version_the_architecture_and_a_configuration_hash()
    {
        using var engine = new SandboxEngine();
        var profile = engine.Profile;
        Assert.Equal("wasmtime", profile.Engine);
        Assert.Equal("50.0.1", profile.EngineVersion);
        Assert.Equal(RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), profile.Architecture);
        Assert.Matches("^[0-9a-f]{64}$", profile.ConfigurationHash);
        Assert.Equal($"wasmtime/50.0.1/{profile.Architecture}/{profile.ConfigurationHash}", profile.ToString());
    }

    [Fact]
    public void Engines_of_one_build_share_one_profile()
    {
        using var first = new SandboxEngine();
        using var second = new SandboxEngine();
        Assert.Equal(first.Profile, second.Profile);
    }

    [Fact]
    public async Task Every_result_carries_the_executor_profile()
    {
        var executor = new ComputeExecutor(_scheduler);
        var ok = await executor.ExecuteAsync(new ExecutionRequest(Modules.Echo, "hi"u8.ToArray()));
        var invalid = await executor.ExecuteAsync(new ExecutionRequest(new byte[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(ExecutionStatus.Ok, ok.Status);
        Assert.Equal(AbiErrorKind.InvalidModule, invalid.AbiError);
        Assert.Equal(executor.Profile, ok.Profile);
        Assert.Equal(executor.Profile, invalid.Profile);
    }

    [Fact]
    public void A_private_result_keeps_its_profile_when_its_output_is_sealed()
    {
        using var engine = new SandboxEngine();
        var result = ExecutionResult.Ok([1, 2, 3], 10, engine.Profile);
        Assert.Equal(engine.Profile, result.WithSealedOutput([9, 9], ResultDigest.FromBytes(new byte[ResultDigest.Length]), TestNotes.Any).Profile);
    }
}
