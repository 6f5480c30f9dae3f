using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paraloom.Silo.Health;

namespace Paraloom.Silo;

/// <summary>The endpoints operators and orchestrators use: liveness and readiness (metrics: <see cref="MetricsEndpoint"/>).</summary>
internal static class OperationsEndpoints
{
    public const string LivenessPath = "/healthz";

    public const string ReadinessPath = "/readyz";

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
            {
                Predicate = _ => false,
                ResponseWriter = (context, _) => context.Response.WriteAsync("ok"),
            })
            .WithTags("Operations")
            .WithSummary("Liveness: the process answers.");
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(ReadinessChecks.ReadinessTag),
                ResponseWriter = WriteReadinessAsync,
            })
            .WithTags("Operations")
            .WithSummary("Readiness: Orleans runs, the store answers and this silo's validators have joined the registry.");
        return app;
    }

    /// <summary>Ready: status and validator count; not ready: a problem naming every failing check.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            var validators = report.Entries.TryGetValue("validators", out var entry)
                && entry.Data.TryGetValue(ValidatorsHealthCheck.ValidatorsKey, out var count) ? count : 0;
            return context.Response.WriteAsJsonAsync(new { status = "ready", validators });
        }
        var detail = string.Join(" ", report.Entries.Values
            .Where(check => check.Status != HealthStatus.Healthy)
            .Select(check => check.Description ?? check.Exception?.Message ?? "Unhealthy."));
        return Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
                extensions: new Dictionary<string, object?> { [Api.ApiExceptionHandler.ErrorExtension] = "not-ready" })
            .ExecuteAsync(context);
    }
}
