using System.Diagnostics.Metrics;
using System.Net;
using Paraloom.Privacy;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

/// <summary>
/// What a private job's input decides (how much fuel it burns, whether it traps, how long its output is) must not reach
/// /metrics: jobs that differ only in their private input leave the same trace in every Paraloom series. Public jobs
/// differing the same way do leave different traces, which shows the comparison can see a difference.
/// </summary>
[Collection(PrivateMetricsCollection.Name)]
public sealed class PrivateMetricsTests
{
    /// <summary>
    /// Spends fuel in proportion to its input's length, echoes it, and traps when its first byte is 0xff:
    /// <code>
    /// (module (memory (export "memory") 1)
    ///   (func (export "alloc") (param i32) (result i32) (i32.const 1024))
    ///   (func (export "run") (param $in i32) (param $len i32) (result i64) (local $i i32)
    ///     (if (i32.and (i32.ne (local.get $len) (i32.const 0)) (i32.eq (i32.load8_u (local.get $in)) (i32.const 0xff)))
    ///       (then unreachable))
    ///     (block $done (loop $next (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
    ///       (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next)))
    ///     (i64.or (i64.shl (i64.extend_i32_u (local.get $in)) (i64.const 32)) (i64.extend_i32_u (local.get $len)))))
    /// </code>
    /// </summary>
    private static readonly byte[] InputDependent = Convert.FromHexString(
        "0061736d01000000010c0260017f017f60027f7f017e03030200010503010001071803066d656d6f7279020005616c6c6f6300000372756e0001" +
        "0a3f0205004180080b3701017f200141004720002d000041ff0146710440000b02400340200220014f0d01200241016a21020c000b0b2000ad" +
        "4220862001ad840b");

    /// <summary>Labels the exporter adds to every series of a meter (the silo, the meter's name and version).</summary>
    private static readonly HashSet<string> ScrapeLabels = ["service_instance_id", "otel_scope_name", "otel_scope_version", "otel_scope_schema_url"];

    private static readonly byte[] Short = "ab"u8.ToArray();
    private static readonly byte[] Long = [.. Enumerable.Repeat((byte)'x', 4000)];
    private static readonly byte[] Trapping = [0xff, .. Enumerable.Repeat((byte)'x', 300)];

    [Fact]
    public async Task Private_jobs_differing_only_in_fuel_trap_and_output_length_leave_the_same_metrics()
    {
        await using var silo = new SiloFactory();
        var api = new ApiDriver(silo.CreateClient());

        var traces = new List<IReadOnlyDictionary<string, double>>();
        foreach (var (input, index) in new[] { Short, Long, Trapping }.Select((input, index) => (input, index)))
        {
            // A requester of its own per job: each trace then holds the same newcomer grant.
            using var requester = SecretKey.Generate();
            traces.Add(await TraceOf(api, ApiDriver.PrivateJob($"private-{index}", InputDependent, input, requester), requester));
        }

        Assert.Equal(3, Delta(traces[0], "paraloom_compute_executions_total{code=none,outcome=private}"));
        Assert.Equal(traces[0], traces[1]);
        Assert.Equal(traces[0], traces[2]);
    }

    [Fact]
    public async Task Public_jobs_differing_the_same_way_are_told_apart()
    {
        await using var silo = new SiloFactory();
        using var requester = SecretKey.Generate();
        var api = new ApiDriver(silo.CreateClient());

        var ok = await TraceOf(api, ApiDriver.PublicJob("public-ok", InputDependent, Short, requester), requester);
        var trapped = await TraceOf(api, ApiDriver.PublicJob("public-trapped", InputDependent, Trapping, requester), requester);

        Assert.Equal(3, Delta(ok, "paraloom_compute_executions_total{code=none,outcome=ok}"));
        Assert.Equal(3, Delta(trapped, "paraloom_compute_executions_total{code=unreachable,outcome=trap}"));
        Assert.NotEqual(Delta(ok, "paraloom_compute_execution_fuel_sum{outcome=ok}"), Delta(trapped, "paraloom_compute_execution_fuel_sum{outcome=trap}"));
    }

    [Fact]
    public async Task Orleans_message_sizes_which_would_tell_an_output_length_are_not_exported()
    {
        await using var silo = new SiloFactory();
        var http = silo.CreateClient();
        await http.GetStringAsync(MetricsEndpoint.Path);
        // Measurements on Orleans' meter name, as Orleans makes them when a result travels between silos.
        using var orleans = new Meter("Microsoft.Orleans");
        foreach (var instrument in SiloTelemetry.DroppedOrleansInstruments)
        {
            orleans.CreateHistogram<int>(instrument, "bytes").Record(4000);
        }
        orleans.CreateHistogram<int>("paraloom-test-control-size", "bytes").Record(4000);

        var names = new PrometheusText(await http.GetStringAsync(MetricsEndpoint.Path)).Names;

        Assert.Contains("paraloom_test_control_size_bytes_sum", names);
        Assert.DoesNotContain(names, name => name.Contains("messages_size", StringComparison.Ordinal));
    }

    private static double Delta(IReadOnlyDictionary<string, double> trace, string series)
    {
        Assert.True(trace.TryGetValue(series, out var delta), $"{series} is not among the changed series: {string.Join(", ", trace.Keys)}");
        return delta;
    }

    /// <summary>
    /// How the job changed every Paraloom series, once it is final and its votes and reputation outcomes have all been
    /// recorded. Durations are left out: they are the machine's timing, which differs between any two runs.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, double>> TraceOf(ApiDriver api, SubmitJobRequest job, SecretKey requester)
    {
        var before = await SettledAsync(api);
        Assert.Equal(HttpStatusCode.Created, (await api.SubmitAsync(job)).StatusCode);
        Assert.Equal("Finalised", (await api.WaitFinalAsync(job.JobId!, requester)).State);
        var after = await SettledAsync(api);
        return after
            .Select(series => (series.Key, Delta: series.Value - before.GetValueOrDefault(series.Key)))
            .Where(series => series.Delta != 0)
            .ToDictionary(series => series.Key, series => series.Delta, StringComparer.Ordinal);
    }

    /// <summary>Scrapes until two scrapes a moment apart agree: what is still in flight has landed.</summary>
    private static async Task<IReadOnlyDictionary<string, double>> SettledAsync(ApiDriver api)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var previous = await ScrapeAsync(api);
        while (true)
        {
            await Task.Delay(300, deadline.Token);
            var current = await ScrapeAsync(api);
            if (current.Count == previous.Count && current.All(series => previous.TryGetValue(series.Key, out var value) && value == series.Value))
            {
                return current;
            }
            previous = current;
        }
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(ApiDriver api) =>
        new PrometheusText(await api.Http.GetStringAsync(MetricsEndpoint.Path)).Samples
            .Where(sample => sample.Name.StartsWith("paraloom_", StringComparison.Ordinal) && !sample.Name.Contains("_seconds", StringComparison.Ordinal))
            .ToDictionary(
                sample => sample.Name + "{" + string.Join(",", sample.Labels.Where(label => !ScrapeLabels.Contains(label.Key))
                    .OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}")) + "}",
                sample => sample.Value,
                StringComparer.Ordinal);
}

/// <summary>Alone, after the parallel tests: other silos in this process would add to the same series.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrivateMetricsCollection
{
    public const string Name = "private-metrics";
}
