using Microsoft.AspNetCore.Builder;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// A silo in this process hosting three validators, as localnet and demo run it: state and reminders in the embedded
/// SQLite file under the data directory unless code points it at PostgreSQL; Orleans on free ports.
/// </summary>
internal static class LocalSilo
{
    public const int Validators = 3;

    /// <summary>Starts the silo on 127.0.0.1:<paramref name="port"/> (0: a free port) and returns it with its URL.</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        int port, string dataDirectory, CancellationToken cancellationToken, Action<SiloOptions>? configure = null)
    {
        var app = SiloHost.Create(
            [
                "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                // Orleans notes machine tuning and high-frequency reminders at Warning: not for a terminal.
                "--Logging:LogLevel:Orleans=Error",
            ],
            options =>
            {
                options.StorageDirectory = dataDirectory;
                options.Validators = Validators;
                options.SiloPort = 0;
                options.GatewayPort = 0;
                configure?.Invoke(options);
            });
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.First()));
    }
}
