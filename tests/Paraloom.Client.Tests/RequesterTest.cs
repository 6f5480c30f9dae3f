using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>What every SDK test starts from: a client of the test silo and a fresh requester key.</summary>
public abstract class RequesterTest(SiloServer silo) : IDisposable
{
    protected SiloServer Silo { get; } = silo;

    protected ParaloomClient Client { get; } = silo.NewClient();

    protected SecretKey Requester { get; } = SecretKey.Generate();

    /// <summary>Only turns a hang into a failure: every wait ends on a condition long before.</summary>
    protected CancellationTokenSource Patience { get; } = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        Client.Dispose();
        Requester.Dispose();
        Patience.Dispose();
        GC.SuppressFinalize(this);
    }
}
