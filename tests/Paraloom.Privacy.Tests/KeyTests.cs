using System.Reflection;
using Org.BouncyCastle.Math;
using Reference = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests;

public class KeyTests
{
    [Fact]
    public void Generated_keys_are_distinct_and_their_public_key_is_sk_times_G()
    {
        using SecretKey first = SecretKey.Generate();
        using SecretKey second = SecretKey.Generate();
        Assert.NotEqual(first.PublicKey, second.PublicKey);
        Assert.Equal(Reference.PublicKey(Reference.ToBig(first.Secret)), first.PublicKey.ToBytes());
    }

    [Fact]
    public void Hex_export_round_trips()
    {
        using SecretKey key = SecretKey.Generate();
        using SecretKey again = SecretKey.ImportHex(key.ExportHex());
        Assert.Equal(key.PublicKey, again.PublicKey);
    }

    [Fact]
    public void ToString_shows_the_public_key_but_never_the_secret()
    {
        using SecretKey key = SecretKey.Generate();
        string text = key.ToString();
        Assert.Contains(key.PublicKey.ToHex(), text);
        Assert.DoesNotContain(key.ExportHex(), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dispose_zeroes_the_secret_and_blocks_further_use()
    {
        SecretKey key = SecretKey.Generate();
        byte[][] buffers = [.. new[] { "_secret", "_keypair" }.Select(name =>
            (byte[])typeof(SecretKey).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(key)!)];
        Assert.All(buffers, buffer => Assert.Contains(buffer, b => b != 0));
        key.Dispose();
        Assert.All(buffers, buffer => Assert.All(buffer, b => Assert.Equal(0, b)));
        Assert.Throws<ObjectDisposedException>(() => key.ExportHex());
        Assert.Throws<ObjectDisposedException>(() => key.Sign([1, 2, 3]));
    }

    [Fact]
    public void Secret_keys_outside_one_to_n_minus_one_are_rejected()
    {
        Assert.Throws<InvalidEncodingException>(() => SecretKey.FromBytes(new byte[32]));
        Assert.Throws<InvalidEncodingException>(() => SecretKey.FromBytes(Reference.Bytes32(Reference.N)));
        Assert.Throws<InvalidEncodingException>(() => SecretKey.FromBytes(new byte[31]));
        Assert.Throws<InvalidEncodingException>(() => SecretKey.ImportHex("not hex at all"));
        using SecretKey largest = SecretKey.FromBytes(Reference.Bytes32(Reference.N.Subtract(BigInteger.One)));
        using SecretKey one = SecretKey.FromBytes(Reference.Bytes32(BigInteger.One));
        Assert.Equal(one.PublicKey, largest.PublicKey); // n-1 = -1: same x, opposite y
    }

    [Fact]
    public void Public_keys_must_be_x_coordinates_on_the_curve()
    {
        Assert.Throws<InvalidEncodingException>(() => PublicKey.FromHex("EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34"));
        Assert.Throws<InvalidEncodingException>(() => PublicKey.FromHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30"));
        Assert.Throws<InvalidEncodingException>(() => PublicKey.FromBytes(new byte[33]));
        Assert.Throws<InvalidEncodingException>(() => PublicKey.FromHex("abc"));
    }

    [Fact]
    public void Public_key_bytes_and_hex_round_trip_and_compare_by_value()
    {
        using SecretKey key = SecretKey.Generate();
        PublicKey parsed = PublicKey.FromBytes(key.PublicKey.ToBytes());
        Assert.Equal(key.PublicKey, parsed);
        Assert.Equal(key.PublicKey.GetHashCode(), parsed.GetHashCode());
        Assert.Equal(key.PublicKey, PublicKey.FromHex(key.PublicKey.ToHex().ToUpperInvariant()));
        Assert.Equal(key.PublicKey.ToHex(), key.PublicKey.ToString());
    }
}
