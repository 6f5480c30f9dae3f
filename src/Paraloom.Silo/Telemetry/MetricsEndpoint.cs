using Orleans;
using Paraloom.Grains;

namespace Paraloom.Silo;

/// <summary>/metrics: the OpenTelemetry Prometheus exporter's text, with the validator gauges read fresh.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapParaloomMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
            {
                // Observable gauges are read synchronously during the collection: fetch the registry's view first.
                var registry = context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);
                context.RequestServices.GetRequiredService<SiloMetrics>().ObserveValidators(await registry.GetValidatorsAsync());
                await next(context);
            }), optionsName: null)
            // Scrapes are not API traffic: the HTTP request metrics leave them out.
            .DisableHttpMetrics()
            .WithTags("Operations")
            .WithSummary("Prometheus text from the OpenTelemetry exporter: Paraloom, Orleans, runtime, process and HTTP metrics.");
        return app;
    }
}
