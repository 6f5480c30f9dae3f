namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// Tests that run on one store a derived class picks (SQLite in <see cref="TemporaryDirectory"/>, or a PostgreSQL
/// database), with the validators' keys beside it so a silo started again finds the same validators.
/// </summary>
public abstract class StoreBackedTests : IAsyncLifetime
{
    private protected ParaloomStore Store { get; private set; } = null!;

    protected string TemporaryDirectory { get; } = Directory.CreateTempSubdirectory("paraloom-grains-").FullName;

    private protected string Keys => Path.Combine(TemporaryDirectory, "keys");

    private protected abstract Task<ParaloomStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync()
    {
        // Pooled connections keep the SQLite file open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(TemporaryDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
