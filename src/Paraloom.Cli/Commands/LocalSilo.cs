using Microsoft.AspNetCore.Builder;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>A silo in this process hosting three validators on the embedded file store, as localnet and demo run it.</summary>
internal static class LocalSilo
{
    public const int Validators = 3;

    /// <summary>Starts the silo on 127.0.0.1:<paramref name="port"/> (0: a free port) and returns it with its URL.</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        int port, string dataDirectory, CancellationToken cancellationToken, Action<SiloOptions>? configure = null)
    {
        var app = SiloHost.Create(
            ["--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                // A silo that cannot start is reported by the command in one line, not logged with its stack trace.
                "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
                // A local silo is for trying the API: it serves the interactive reference at /scalar.
                "--Paraloom:ApiReference=true"],
            options =>
            {
                options.StorageDirectory = dataDirectory;
                options.Validators = Validators;
                configure?.Invoke(options);
            });
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.First()));
    }
}
