namespace Paraloom.Actors.Tests.Support;

/// <summary>Waits for a condition by polling it, failing with a message when it does not hold in time.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        await True(() => Task.FromResult(condition()), what, timeout);
    }

    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
