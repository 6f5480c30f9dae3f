using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Paraloom.Client;

// The conventional namespace of Add… extensions, so they are found where services are configured.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IParaloomClient"/> over HTTP.</summary>
public static class ParaloomClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IParaloomClient"/> as a singleton (it keeps the job keys of the private jobs it
    /// submitted until they end) over a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>,
    /// with the standard resilience handler: transient failures of reads are retried with back-off, submissions
    /// and key hand-outs are not (the silo answers a repeat with a conflict). Returns that client's builder, to
    /// add handlers or change the resilience options.
    /// </summary>
    public static IHttpClientBuilder AddParaloomClient(this IServiceCollection services, Action<ParaloomClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ParaloomClientOptions>()
            .Configure(configure)
            .Validate(options => options.BaseAddress is { IsAbsoluteUri: true } uri && uri.Scheme is "http" or "https",
                "ParaloomClientOptions.BaseAddress must be the silo's absolute http(s) URL.")
            .Validate(options => options.PollInterval > TimeSpan.Zero, "ParaloomClientOptions.PollInterval must be positive.");
        services.TryAddSingleton<IParaloomClient>(provider => new ParaloomClient(
            provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<IOptions<ParaloomClientOptions>>().Value));
        var http = services.AddHttpClient(ParaloomClient.HttpClientName, (provider, client) =>
            client.BaseAddress = ParaloomClient.WithTrailingSlash(provider.GetRequiredService<IOptions<ParaloomClientOptions>>().Value.BaseAddress!));
        http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        return http;
    }
}
