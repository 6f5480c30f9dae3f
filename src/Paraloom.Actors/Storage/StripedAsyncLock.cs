namespace Paraloom.Actors.Storage;

/// <summary>
/// Serialises read-check-write sequences on the same file within this process. Files are spread over a fixed
/// set of semaphores by path hash: two files may share one (harmless), one file always maps to the same one.
/// </summary>
internal sealed class StripedAsyncLock
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string path)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_stripes.Length];
        await stripe.WaitAsync();
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private SemaphoreSlim? _stripe = stripe;

        public void Dispose() => Interlocked.Exchange(ref _stripe, null)?.Release();
    }
}
