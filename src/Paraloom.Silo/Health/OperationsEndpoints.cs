using Paraloom.Actors;
using Paraloom.Grains;
using Paraloom.Silo.Metrics;

namespace Paraloom.Silo;

/// <summary>The endpoints operators and orchestrators use: liveness, readiness and Prometheus metrics.</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"))
            .WithName("GetLiveness")
            .WithTags("Operations")
            .Produces<string>(contentType: "text/plain")
            .WithSummary("Liveness: the process answers.");
        app.MapGet("/readyz", ReadyAsync)
            .WithName("GetReadiness")
            .WithTags("Operations")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Readiness: the actor runtime runs and this silo's validators have joined the registry.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/metrics", ScrapeAsync)
            .WithName("GetMetrics")
            .WithTags("Operations")
            .WithSummary("Prometheus text exposition of the Paraloom.* meters.")
            .Produces<string>(contentType: PrometheusExporter.ContentType);
        return app;
    }

    private static async Task<IResult> ReadyAsync(IGrainFactory grains, SiloOptions options, IHostApplicationLifetime lifetime)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return NotReady("The silo is still starting.");
        }
        var validators = await Registry(grains).GetValidatorsAsync();
        var local = validators.Count(validator => validator.SiloId == options.SiloId);
        return local >= options.Validators
            ? Results.Ok(new { status = "ready", validators = validators.Count })
            : NotReady($"{local} of this silo's {options.Validators} validators have joined the registry.");
    }

    private static async Task<IResult> ScrapeAsync(IGrainFactory grains, SiloMetrics metrics, PrometheusExporter exporter)
    {
        metrics.ObserveValidators(await Registry(grains).GetValidatorsAsync());
        return Results.Text(exporter.Scrape(), PrometheusExporter.ContentType);
    }

    private static IValidatorRegistryGrain Registry(IGrainFactory grains) =>
        grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    private static IResult NotReady(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
            extensions: new Dictionary<string, object?> { [Api.ApiExceptionHandler.ErrorExtension] = "not-ready" });
}
