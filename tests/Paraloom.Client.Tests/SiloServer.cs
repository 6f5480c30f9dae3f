using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// The real silo on a test server, in memory, with a fast deadline check. The key hand-out timeout is generous:
/// a loaded machine must never turn a slow hand-out into a rejection. Tests of the timeout itself use
/// <see cref="ImpatientSiloServer"/>.
/// </summary>
public class SiloServer : WebApplicationFactory<Program>
{
    protected virtual TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(60);

    public ParaloomClient NewClient() => new(CreateClient()) { PollInterval = TimeSpan.FromMilliseconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Paraloom:StorageDirectory", "");
        // Orleans listens for silos and clients too: test silos running side by side each take free ports.
        builder.UseSetting("Paraloom:SiloPort", "0");
        builder.UseSetting("Paraloom:GatewayPort", "0");
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
        builder.UseSetting("Paraloom:KeyHandOutTimeout", KeyHandOutTimeout.ToString());
    }
}

/// <summary>A silo that gives up on a key hand-out after one second, for the tests of that timeout.</summary>
public sealed class ImpatientSiloServer : SiloServer
{
    protected override TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(1);
}
