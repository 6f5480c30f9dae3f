using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Network;

public sealed class CreditGrantTests : IDisposable
{
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly SecretKey _authority = SecretKey.Generate();
    private readonly SecretKey _requester = SecretKey.Generate();

    public void Dispose()
    {
        _authority.Dispose();
        _requester.Dispose();
    }

    [Fact]
    public void A_grant_survives_its_encoding_and_verifies_under_its_authority_until_it_expires()
    {
        var grant = CreditGrant.Issue(_authority, _requester.PublicKey, 5_000, Expiry);

        var decoded = CreditGrant.FromBytes(grant.ToBytes());

        Assert.Equal(CreditGrant.Size, grant.ToBytes().Length);
        Assert.Equal((_requester.PublicKey, 5_000L, grant.Id, Expiry), (decoded.Requester, decoded.Credits, decoded.Id, decoded.ExpiresAt));
        Assert.Null(decoded.ProblemUnder(_authority.PublicKey, Expiry.AddMilliseconds(999)));
        Assert.Contains("expired", decoded.ProblemUnder(_authority.PublicKey, Expiry.AddSeconds(1)));
        Assert.Contains("not signed by the network authority", decoded.ProblemUnder(_requester.PublicKey, Expiry));
        Assert.NotEqual(grant.Id, CreditGrant.Issue(_authority, _requester.PublicKey, 5_000, Expiry).Id);
    }

    [Fact]
    public void A_grant_altered_in_any_byte_of_its_body_no_longer_verifies_and_malformed_bytes_do_not_parse()
    {
        var bytes = CreditGrant.Issue(_authority, _requester.PublicKey, 5_000, Expiry).ToBytes();
        // From the requester on: a changed authority byte is "another authority", also a refusal.
        for (var i = 1 + PublicKey.Size; i < CreditGrant.Size - SchnorrSignature.Size; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            CreditGrant parsed;
            try
            {
                parsed = CreditGrant.FromBytes(altered);
            }
            catch (FormatException)
            {
                continue;
            }
            Assert.NotNull(parsed.ProblemUnder(_authority.PublicKey, Expiry.AddDays(-1)));
        }
        Assert.Throws<FormatException>(() => CreditGrant.FromBytes(bytes[..^1]));
        Assert.Throws<FormatException>(() => CreditGrant.FromBytes([.. bytes, 0]));
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[0] = 2;
        Assert.Throws<FormatException>(() => CreditGrant.FromBytes(otherVersion));
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditGrant.Issue(_authority, _requester.PublicKey, 0, Expiry));
    }

    /// <summary>The vector of docs/receipt-format.md (computed apart, with Python's hashlib): a third party's encoder must produce these bytes.</summary>
    [Fact]
    public void The_documented_vector_is_reproduced()
    {
        using var authority = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000003");
        using var requester = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000007");
        var issued = CreditGrant.Issue(authority, requester.PublicKey, 1_000_000, Expiry).ToBytes();
        // The id is random when issued: put the vector's in its place (bytes 73–88) and sign the body again.
        var body = issued[..^SchnorrSignature.Size];
        Convert.FromHexString("00112233445566778899aabbccddeeff").CopyTo(body, 1 + 2 * PublicKey.Size + sizeof(long));
        var unsigned = CreditGrant.FromBytes([.. body, .. issued[^SchnorrSignature.Size..]]);

        Assert.Equal(GrantVector.Body, Convert.ToHexStringLower(body));
        Assert.Equal(GrantVector.Hash, Convert.ToHexStringLower(unsigned.Hash()));
        var signed = CreditGrant.FromBytes([.. body, .. authority.Sign(unsigned.Hash()).ToBytes()]);
        Assert.Null(signed.ProblemUnder(authority.PublicKey, Expiry));
        Assert.Equal("00112233445566778899aabbccddeeff", signed.Id);
    }

    private static class GrantVector
    {
        public const string Body =
            "01f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc00000000000f424000112233445566778899aabbccddeeff000000006b49d200";
        public const string Hash = "4639dec079c50c8ee41388047c543733f3c848a098cce20bbaaafe121db33319";
    }
}
