using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EndpointOptions = Orleans.Configuration.EndpointOptions;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// A silo in this process hosting three validators, as localnet and demo run it: state and reminders in the embedded
/// SQLite file under the data directory unless code points it at PostgreSQL; Orleans on free ports. Its validators are
/// admitted under the network authority in the network directory (<c>DATA/network</c> unless given), created there
/// when missing, so a local network needs no setup.
/// </summary>
internal static class LocalSilo
{
    public const int Validators = 3;

    /// <summary>The silo id of a localnet of one silo (and the name of its TLS certificate).</summary>
    public const string Name = "local";

    /// <summary>
    /// What a requester key gets on first use, unless <c>Paraloom:Fees:NewcomerCredits</c> says otherwise: a local network is
    /// open, so the README's commands need no grant first (a thousand jobs at the default fuel limit and K = 3 held at once).
    /// </summary>
    public const long NewcomerCredits = 3_000_000_000_000;

    /// <summary>Starts the silo on 127.0.0.1:<paramref name="port"/> (0: a free port) and returns it with its URL.</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        int port, string dataDirectory, CancellationToken cancellationToken, Action<SiloOptions>? configure = null,
        string? networkDirectory = null)
    {
        var app = SiloHost.Create(
            [
                "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                // Orleans notes machine tuning and high-frequency reminders at Warning: not for a terminal.
                "--Logging:LogLevel:Orleans=Error",
                // A silo that cannot start is reported by the command in one line, not logged with its stack trace.
                "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
                // A local silo is for trying the API: it serves the interactive reference at /scalar.
                "--Paraloom:ApiReference=true",
            ],
            options =>
            {
                options.StorageDirectory = dataDirectory;
                options.Validators = Validators;
                options.SiloPort = 0;
                options.GatewayPort = 0;
                options.Fees.NewcomerCredits ??= NewcomerCredits;
                configure?.Invoke(options);
                NetworkAuthority.AdmitLocalSilo(networkDirectory ?? NetworkAuthority.DefaultDirectory(dataDirectory), options);
            });
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.First()));
    }

    /// <summary>The Orleans ports the started silo listens on: silo to silo, and the gateway for Orleans clients.</summary>
    public static (int SiloPort, int GatewayPort) OrleansPorts(WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        return (endpoints.SiloPort, endpoints.GatewayPort);
    }
}
