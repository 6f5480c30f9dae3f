using System.Threading.RateLimiting;

namespace Paraloom.Silo.Api;

/// <summary>
/// Bounds the submissions one client (remote address) has in flight at once, so a client that sends many large
/// bodies together cannot make the silo buffer them all: the next ones wait their turn, and past the queue they are
/// refused with 429 before their bodies are read.
/// </summary>
internal static class SubmissionLimiter
{
    public const string Policy = "submissions-per-client";

    public static IServiceCollection AddSubmissionLimiter(this IServiceCollection services, SiloOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetConcurrencyLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.ConcurrentSubmissionsPerClient,
                    QueueLimit = options.QueuedSubmissionsPerClient,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            limiter.OnRejected = (rejected, _) => new ValueTask(Results.Problem(
                $"This client already has {options.ConcurrentSubmissionsPerClient} submissions in progress and "
                + $"{options.QueuedSubmissionsPerClient} waiting; send the next one when one of them has been answered.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many submissions at once",
                extensions: new Dictionary<string, object?> { [ApiExceptionHandler.ErrorExtension] = "too-many-submissions" })
                .ExecuteAsync(rejected.HttpContext));
        });
}
