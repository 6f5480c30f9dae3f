using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// The real silo (its Program) on a test server, with a file store in a fresh temporary directory and
/// fast deadlines. <paramref name="settings"/> override configuration keys under "Paraloom:";
/// <paramref name="services"/> adds to or replaces the silo's services (validator behaviours, for one).
/// </summary>
public sealed class SiloFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string StorageDirectory { get; } = Directory.CreateTempSubdirectory("paraloom-silo-").FullName;

    /// <summary>Where compute jobs' state files go: empty as long as no job was stored.</summary>
    public string JobStateDirectory => Path.Combine(StorageDirectory, "state");

    public IReadOnlyList<string> StoredJobFiles =>
        Directory.Exists(JobStateDirectory)
            ? [.. Directory.EnumerateFiles(JobStateDirectory, "*", SearchOption.AllDirectories).Where(path => path.Contains("compute-job", StringComparison.Ordinal))]
            : [];

    /// <summary>Everything the silo logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.UseSetting("Paraloom:StorageDirectory", StorageDirectory);
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
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
        Directory.Delete(StorageDirectory, recursive: true);
    }
}
