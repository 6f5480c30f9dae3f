using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>localnet stopped while its validators execute: what is in flight is abandoned quietly, not logged as failures.</summary>
[Collection(LocalnetShutdownCollection.Name)]
public sealed class LocalnetShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Stopping_localnet_with_executions_in_flight_logs_no_failure()
    {
        await using var localnet = new LocalnetProcess();
        await localnet.InitializeAsync();
        using var client = new ParaloomClient(localnet.Url);
        using var requester = SecretKey.Generate();
        await client.SubmitAsync(Job.Builder()
            .Wasm(EndlessModule.Bytes())
            .Input([1])
            .RequestedBy(requester)
            .Limits(new JobLimits { Fuel = EndlessModule.Fuel, WallClock = TimeSpan.FromSeconds(30) })
            .Build());
        using var deadline = new CancellationTokenSource(Bound);
        // Every member running the job: each execution is still in flight when the silo stops.
        while ((await client.GetValidatorsAsync(deadline.Token)).Count(validator => validator.InFlight > 0) < 3)
        {
            await Task.Delay(50, deadline.Token);
        }

        // A stop under load drains the silo's grains to the store: room for it, so the exit is the shutdown's own.
        Assert.Equal(0, await localnet.StopAsync(Bound));

        var failures = localnet.Output.Split('\n')
            .Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal));
        Assert.Empty(failures);
    }
}

/// <summary>Alone, after the parallel tests: their localnets would slow this one's stop past any bound worth setting.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalnetShutdownCollection
{
    public const string Name = "localnet-shutdown";
}
