using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Paraloom.Grains;

namespace Paraloom.Silo;

/// <summary>
/// The silo's OpenTelemetry: metrics from the Paraloom meters, Orleans, the .NET runtime, the process and
/// ASP.NET Core, scraped by Prometheus at /metrics; traces from ASP.NET Core, Orleans and each compute
/// layer; logs through ILogger. Traces and logs (and metrics, too) leave by OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class SiloTelemetry
{
    /// <summary>The resource's <c>service.name</c>.</summary>
    public const string ServiceName = "paraloom-silo";

    /// <summary>The standard OpenTelemetry setting that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' meter (membership, catalog, messaging, grain calls).</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: runtime calls and application grain calls (AddActivityPropagation).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Orleans' histograms of whole message sizes between silos: a result travels in one such message, so on a quiet
    /// cluster their sums would tell a private job's output length. No dashboard reads them; header sizes stay.
    /// </summary>
    public static readonly string[] DroppedOrleansInstruments = ["orleans-messaging-sent-messages-size", "orleans-messaging-received-messages-size"];

    /// <summary>
    /// Every series is labelled with the silo (<c>service.instance.id</c>, the silo id), so several silos'
    /// series stay apart in one Prometheus.
    /// </summary>
    public static WebApplicationBuilder AddParaloomTelemetry(this WebApplicationBuilder builder, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton<SiloMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceNamespace: options.ClusterId, serviceInstanceId: options.SiloId, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(SiloMetrics.MeterName, ComputeTelemetry.MeterName, OrleansMeter)
                .DropInstruments(DroppedOrleansInstruments)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter(prometheus =>
                {
                    // Each scrape sees the registry as it is now (the validator gauges refresh per scrape).
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    prometheus.ResourceConstantLabels = attribute => attribute == "service.instance.id";
                }))
            .WithTracing(tracing => tracing
                .AddSource([.. ComputeTelemetry.ActivitySourceNames])
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsOperations(context.Request.Path)));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            // Logs, metrics and traces to the collector; it reads the endpoint and protocol from the OTEL_* settings.
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    private static MeterProviderBuilder DropInstruments(this MeterProviderBuilder metrics, IEnumerable<string> instruments)
    {
        foreach (var instrument in instruments)
        {
            metrics.AddView(instrument, MetricStreamConfiguration.Drop);
        }
        return metrics;
    }

    /// <summary>Scrapes and probes are not traced: they would drown the jobs' traces.</summary>
    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments(MetricsEndpoint.Path) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
