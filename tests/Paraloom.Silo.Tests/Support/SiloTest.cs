using Paraloom.Privacy;

namespace Paraloom.Silo.Tests.Support;

/// <summary>A fresh in-memory silo for each test, a requester's key, and an API driver over the silo's HTTP client.</summary>
public abstract class SiloTest(SiloFactory silo) : IAsyncLifetime
{
    protected SiloTest()
        : this(new SiloFactory())
    {
    }

    protected SiloFactory Silo { get; } = silo;

    protected SecretKey Requester { get; } = SecretKey.Generate();

    private protected ApiDriver Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = new ApiDriver(Silo.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Requester.Dispose();
    }
}
