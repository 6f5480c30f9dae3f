using Microsoft.AspNetCore.Hosting;

namespace Paraloom.Client.Tests;

/// <summary>The real silo with small per-requester limits: two jobs in progress, one watch, a megabyte stored.</summary>
public sealed class RequesterLimitedSiloServer : SiloServer
{
    public const int Jobs = 2;
    public const long StoredBytes = 1_000_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Paraloom:RequesterLimits:Jobs", Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Paraloom:RequesterLimits:Watches", "1");
        builder.UseSetting("Paraloom:RequesterLimits:StoredBytes", StoredBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
