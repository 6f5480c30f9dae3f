namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// How many random cases each property test samples: the counts written in the tests (chosen so that all of them run
/// in a few seconds within ./test.sh), times $PARALOOM_PROPERTY_SCALE when set (for a long run, e.g. 100).
/// </summary>
internal static class PropertyRuns
{
    private static readonly long Scale =
        long.TryParse(Environment.GetEnvironmentVariable("PARALOOM_PROPERTY_SCALE"), out long scale) && scale > 0 ? scale : 1;

    public static long Of(long baseline) => baseline * Scale;

    /// <summary>The bytes with one bit flipped.</summary>
    public static byte[] Flip(byte[] bytes, int bit)
    {
        byte[] flipped = (byte[])bytes.Clone();
        flipped[bit / 8] ^= (byte)(1 << (bit % 8));
        return flipped;
    }
}
