using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Orleans;
using Paraloom.Client;

// The conventional namespace of Add… extensions, so they are found where services are configured.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IParaloomClient"/> over HTTP or an Orleans gateway.</summary>
public static class ParaloomClientServiceCollectionExtensions
{
    /// <summary>How long one attempt of a request may take before it is abandoned (reads are then retried).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Registers <see cref="IParaloomClient"/> as a singleton (it keeps the job keys of the private jobs it submitted
    /// until they end), over the transport <see cref="ParaloomClientOptions.Transport"/> names. Options are validated
    /// when the host starts (or the client is first resolved).
    /// <list type="bullet">
    /// <item><see cref="ParaloomTransport.Http"/>: a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>
    /// with the standard resilience handler: transient failures of reads are retried with back-off, submissions and key
    /// hand-outs are not (the silo answers a repeat with a conflict), nor a refused connection (no silo listens).</item>
    /// <item><see cref="ParaloomTransport.Orleans"/>: the application's <see cref="IClusterClient"/>, registered with
    /// <c>UseOrleansClient</c> (or <c>AddOrleansClient</c>) and the cluster's clustering.</item>
    /// </list>
    /// Returns the HTTP client's builder, to add handlers or change the resilience options (unused over Orleans).
    /// </summary>
    public static IHttpClientBuilder AddParaloomClient(this IServiceCollection services, Action<ParaloomClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ParaloomClientOptions>()
            .Configure(configure)
            .Validate(options => Enum.IsDefined(options.Transport), "ParaloomClientOptions.Transport must be Http or Orleans.")
            .Validate(options => options.Transport != ParaloomTransport.Http
                    || options.BaseAddress is { IsAbsoluteUri: true } uri && uri.Scheme is "http" or "https",
                "ParaloomClientOptions.BaseAddress must be the silo's absolute http(s) URL.")
            .Validate<IServiceProviderIsService>(
                (options, registered) => options.Transport != ParaloomTransport.Orleans || registered.IsService(typeof(IClusterClient)),
                "ParaloomClientOptions.Transport is Orleans but no IClusterClient is registered: call UseOrleansClient with the cluster's clustering.")
            .Validate(options => options.PollInterval > TimeSpan.Zero, "ParaloomClientOptions.PollInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IParaloomClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ParaloomClientOptions>>().Value;
            return options.Transport == ParaloomTransport.Orleans
                ? new ParaloomClient(provider.GetRequiredService<IClusterClient>()) { PollInterval = options.PollInterval, NetworkKey = options.NetworkKey, Revocations = [.. options.Revocations] }
                : new ParaloomClient(provider.GetRequiredService<IHttpClientFactory>(), options);
        });
        var http = services.AddHttpClient(ParaloomClient.HttpClientName, (provider, client) =>
        {
            client.BaseAddress = ParaloomClient.WithTrailingSlash(provider.GetRequiredService<IOptions<ParaloomClientOptions>>().Value.BaseAddress!);
            // The resilience pipeline's timeouts below govern; HttpClient's own 100 s would cut across them.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        http.AddStandardResilienceHandler(options =>
        {
            // A refused connection means nothing listens at the silo's address: said at once, not after seconds of
            // back-off (set before the method filter below, which wraps it).
            options.Retry.ShouldHandle = attempt => ValueTask.FromResult(
                attempt.Outcome.Exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                && HttpClientResiliencePredicates.IsTransient(attempt.Outcome));
            options.Retry.DisableForUnsafeHttpMethods();
            // A submission carries up to 64 MiB and the silo checks its proofs before answering, on a machine that
            // may be busy: the standard 10 s per attempt would abandon submissions the silo goes on to accept.
            options.AttemptTimeout.Timeout = AttemptTimeout;
            options.TotalRequestTimeout.Timeout = AttemptTimeout * 3;
            options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
        });
        return http;
    }
}
