using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Paraloom.Grains;

namespace Paraloom.Client.Tests;

/// <summary>
/// The real silo with small gateway client limits: one submission in progress and one waiting, one watch per client and
/// two in all. Its <see cref="Gate"/> sits behind every other incoming filter, so a test can hold a call that the limits
/// have already counted and try the next one against them, with nothing timed.
/// </summary>
public sealed class GatewayLimitedSiloServer : SiloServer
{
    public const int JobWatches = 2;

    public CallGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Paraloom:GatewayLimits:ConcurrentSubmissionsPerClient", "1");
        builder.UseSetting("Paraloom:GatewayLimits:QueuedSubmissionsPerClient", "1");
        builder.UseSetting("Paraloom:GatewayLimits:JobWatchesPerClient", "1");
        builder.UseSetting("Paraloom:GatewayLimits:JobWatches", JobWatches.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Registered after the silo's own filters, so Orleans runs it last.
        builder.ConfigureTestServices(services => services.AddSingleton<IIncomingGrainCallFilter>(Gate));
    }
}

/// <summary>
/// Holds Orleans clients' submissions and watches that may wait (the calls the gateway limits count) to the job grains
/// it is told to hold, until released, and reports each call it holds. Other calls pass.
/// </summary>
public sealed class CallGate : IIncomingGrainCallFilter
{
    private static readonly GrainType Job = GrainType.Create("compute-job");

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly Channel<string> _entered = Channel.CreateUnbounded<string>();

    public void Hold(string jobId) => _held[jobId] = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string jobId)
    {
        if (_held.TryRemove(jobId, out var held))
        {
            held.SetResult();
        }
    }

    /// <summary>The job of the next call held: the limits before the gate counted it.</summary>
    public async Task<string> NextHeldAsync(CancellationToken cancellationToken) => await _entered.Reader.ReadAsync(cancellationToken);

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.SourceId?.IsClient() == true && call.TargetId.Type == Job && Counted(call)
            && call.TargetId.Key.ToString() is { } jobId && _held.TryGetValue(jobId, out var held))
        {
            _entered.Writer.TryWrite(jobId);
            await held.Task;
        }
        await call.Invoke();
    }

    private static bool Counted(IIncomingGrainCallContext call) => call.InterfaceMethod.Name switch
    {
        nameof(IComputeJobGrain.SubmitAsync) => true,
        nameof(IComputeJobGrain.WaitForChangeAsync) => call.Request.GetArgument(1) is TimeSpan wait && wait > TimeSpan.Zero,
        _ => false,
    };
}
