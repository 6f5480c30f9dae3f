using Paraloom.Cli.Tests.Support;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

/// <summary>localnet stopped while its validators execute: what is in flight is abandoned quietly, not logged as failures.</summary>
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

        Assert.Equal(0, await localnet.StopAsync());

        var failures = localnet.Output.Split('\n')
            .Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal));
        Assert.Empty(failures);
    }
}
