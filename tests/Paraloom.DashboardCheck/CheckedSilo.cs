using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Grains;

namespace Paraloom.DashboardCheck;

/// <summary>
/// The real silo on a loopback port Prometheus can scrape: three validators, a file store in a fresh temporary
/// directory, fast deadline checks, and <see cref="Faulty"/> signing its votes wrongly (the test-only validator
/// behaviour), so jobs it serves on are retried and it is penalised.
/// </summary>
internal sealed class CheckedSilo : WebApplicationFactory<global::Program>
{
    public const string Faulty = "validator-1";
    public const int Validators = 3;

    private readonly string _storage = Directory.CreateTempSubdirectory("paraloom-check-silo-").FullName;

    public CheckedSilo(int port)
    {
        Port = port;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Paraloom:StorageDirectory", _storage);
        builder.UseSetting("Paraloom:SiloId", "check");
        // The mix runs single-validator jobs beside the faulty one, so the network minimum of 3 does not apply here.
        builder.UseSetting("Paraloom:Caps:MinReplication", "1");
        builder.UseSetting("Paraloom:Validators", Validators.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
        builder.UseSetting("Paraloom:SiloPort", "0");
        builder.UseSetting("Paraloom:GatewayPort", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.UseSetting("Paraloom:Network:AuthorityKey", TestNetwork.AuthorityKey);
        builder.UseSetting("Paraloom:Fees:NewcomerCredits", TestNetwork.NewcomerCreditsSetting);
        builder.ConfigureTestServices(TestNetwork.AdmitValidators);
        builder.ConfigureTestServices(services =>
            services.AddByzantineValidator(Faulty, ValidatorConduct.BadSignature));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_storage, recursive: true);
    }
}
