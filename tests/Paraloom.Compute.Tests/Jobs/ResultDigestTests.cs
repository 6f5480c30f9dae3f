namespace Paraloom.Compute.Tests.Jobs;

public class ResultDigestTests
{
    [Fact]
    public void Digests_compare_by_value_and_print_as_hex()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var a = ResultDigest.FromBytes(bytes);
        bytes[0] = 99;
        var b = ResultDigest.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(0, a.AsSpan()[0]);
        Assert.Equal("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", a.ToString());
        Assert.Equal(a, ResultDigest.Parse(a.ToString()));
    }

    [Fact]
    public void Wrong_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ResultDigest.FromBytes(new byte[31]));
        Assert.Throws<FormatException>(() => ResultDigest.Parse("abcd"));
    }
}
