using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// The real silo (its Program) on a test server, with its SQLite store in a fresh temporary directory, free Orleans ports and
/// fast deadlines. <paramref name="settings"/> override configuration keys under "Paraloom:";
/// <paramref name="services"/> adds to or replaces the silo's services (validator behaviours, for one).
/// </summary>
public sealed class SiloFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string StorageDirectory { get; } = Directory.CreateTempSubdirectory("paraloom-silo-").FullName;

    /// <summary>The ids of the silo's validators (derived from their keys), in key slot order.</summary>
    public IReadOnlyList<string> ValidatorIds
    {
        get
        {
            var keyRing = Services.GetRequiredService<Paraloom.Grains.IValidatorKeyRing>();
            return [.. Enumerable.Range(1, keyRing.ValidatorIds.Count).Select(slot => keyRing.ValidatorIdOf($"validator-{slot}"))];
        }
    }

    /// <summary>Where compute jobs' state files go: empty as long as no job was stored.</summary>
    /// <summary>How many job grains have state in the silo's SQLite store (rows of the "job" state).</summary>
    public int StoredJobCount
    {
        get
        {
            var database = Path.Combine(StorageDirectory, SiloOptions.SqliteFileName);
            if (!File.Exists(database))
            {
                return 0;
            }
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'job' AND PayloadBinary IS NOT NULL;";
            return Convert.ToInt32(command.ExecuteScalar());
        }
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.UseSetting("Paraloom:StorageDirectory", StorageDirectory);
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
        // Test silos run side by side: each takes free Orleans ports.
        builder.UseSetting("Paraloom:SiloPort", "0");
        builder.UseSetting("Paraloom:GatewayPort", "0");
        builder.UseSetting("Paraloom:Network:AuthorityKey", TestNetwork.AuthorityKey);
        builder.UseSetting("Paraloom:Fees:NewcomerCredits", TestNetwork.NewcomerCreditsSetting);
        builder.ConfigureTestServices(TestNetwork.AdmitValidators);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting("Paraloom:" + key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(StorageDirectory, recursive: true);
    }
}
