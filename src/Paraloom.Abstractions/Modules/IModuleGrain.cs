using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// One WebAssembly module, stored once under its content address (key: <see cref="ModuleKey.For"/>, the hex
/// SHA-256 of its bytes), so jobs refer to it by hash instead of carrying the bytes in every state write.
/// </summary>
[Alias("paraloom.module")]
public interface IModuleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the module if it is not stored yet, used by job <paramref name="jobId"/>; the bytes must hash to the
    /// grain's key.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes do not hash to this grain's key.</exception>
    [Alias("store")]
    Task StoreAsync(byte[] module, string jobId);

    /// <summary>The module's bytes.</summary>
    /// <exception cref="InvalidOperationException">No module with this hash was stored.</exception>
    [Alias("read")]
    Task<byte[]> ReadAsync();

    /// <summary>
    /// One job that stored the module no longer uses it; the last job's release removes it. A job releases once: it
    /// forgets its own state first, so a crash in between keeps the module rather than releasing it twice.
    /// </summary>
    [Alias("release")]
    Task ReleaseAsync();
}
