using System.Threading.RateLimiting;

namespace Paraloom.Silo.Api;

/// <summary>
/// Bounds the job watches (event streams and long polls) this silo holds open: per client (remote address) and in all.
/// A watch holds its lease until it ends, also when its client drops; past either cap it is refused with 429.
/// </summary>
internal sealed class JobWatchLimiter(SiloOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetConcurrencyLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new ConcurrencyLimiterOptions { PermitLimit = options.JobWatchesPerClient, QueueLimit = 0 })),
        PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter(
            "silo", _ => new ConcurrencyLimiterOptions { PermitLimit = options.JobWatches, QueueLimit = 0 })));

    /// <summary>A lease to dispose when the watch ends.</summary>
    /// <exception cref="ApiProblemException">429: the client or the silo holds as many watches as it may.</exception>
    public RateLimitLease Acquire(HttpContext context)
    {
        var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "too-many-watches",
            $"A client may hold {options.JobWatchesPerClient} job event streams and long polls open at once, and this silo "
            + $"{options.JobWatches} in all: close one, or poll the status without waiting.");
    }

    public void Dispose() => _limiter.Dispose();
}
