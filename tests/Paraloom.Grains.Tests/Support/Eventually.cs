namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// Waits for a condition, not for time: the bound only turns a hang into a failure that says what never
/// happened, so it is generous enough for a loaded 2-core machine running every suite at once.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(30);

    public static async Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? DefaultBound;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Not within {limit.TotalSeconds:0} s: {what} (last seen: {value}).");
            }
            await Task.Delay(20);
        }
    }
}
