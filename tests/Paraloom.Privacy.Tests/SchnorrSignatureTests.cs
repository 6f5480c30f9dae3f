namespace Paraloom.Privacy.Tests;

public class SchnorrSignatureTests
{
    private static readonly byte[] Message = "vote: job-7, attempt 1, digest abc"u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(1000)]
    public void Signs_and_verifies_messages_of_any_length(int length)
    {
        using SecretKey key = SecretKey.Generate();
        byte[] message = new byte[length];
        Random.Shared.NextBytes(message);
        Assert.True(key.PublicKey.Verify(message, key.Sign(message)));
    }

    [Fact]
    public void Fresh_auxiliary_randomness_gives_different_signatures_that_both_verify()
    {
        using SecretKey key = SecretKey.Generate();
        SchnorrSignature first = key.Sign(Message), second = key.Sign(Message);
        Assert.NotEqual(first.ToHex(), second.ToHex());
        Assert.True(SchnorrSignature.Verify(key.PublicKey, Message, first));
        Assert.True(SchnorrSignature.Verify(key.PublicKey, Message, second));
    }

    [Fact]
    public void Rejects_another_message_or_another_key()
    {
        using SecretKey key = SecretKey.Generate();
        using SecretKey other = SecretKey.Generate();
        SchnorrSignature signature = key.Sign(Message);
        Assert.False(key.PublicKey.Verify("vote: job-7, attempt 2, digest abc"u8, signature));
        Assert.False(other.PublicKey.Verify(Message, signature));
    }

    [Fact]
    public void Every_single_bit_flip_of_the_signature_is_rejected()
    {
        using SecretKey key = SecretKey.Generate();
        byte[] signature = key.Sign(Message).ToBytes();
        for (int bit = 0; bit < signature.Length * 8; bit++)
        {
            byte[] flipped = (byte[])signature.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(key.PublicKey.Verify(Message, SchnorrSignature.FromBytes(flipped)), $"bit {bit}");
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(0)]
    public void Parsing_rejects_wrong_lengths(int length)
    {
        Assert.Throws<InvalidEncodingException>(() => SchnorrSignature.FromBytes(new byte[length]));
    }

    [Fact]
    public void Hex_round_trips()
    {
        using SecretKey key = SecretKey.Generate();
        SchnorrSignature signature = key.Sign(Message);
        Assert.Equal(signature.ToBytes(), SchnorrSignature.FromHex(signature.ToHex()).ToBytes());
        Assert.Throws<InvalidEncodingException>(() => SchnorrSignature.FromHex(new string('z', 128)));
    }
}
