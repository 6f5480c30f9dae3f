using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Network;

public sealed class ValidatorCertificateTests : IDisposable
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly DateTimeOffset Until = From.AddDays(90);
    private readonly SecretKey _authority = SecretKey.Generate();
    private readonly SecretKey _validator = SecretKey.Generate();

    public void Dispose()
    {
        _authority.Dispose();
        _validator.Dispose();
    }

    private ValidatorCertificate Issue(string profile = "wasmtime-50/x64/abc") =>
        ValidatorCertificate.Issue(_authority, _validator.PublicKey, "silo-a", profile, From, Until);

    [Fact]
    public void A_certificate_survives_its_encoding_and_verifies_under_its_authority_within_its_validity()
    {
        var decoded = ValidatorCertificate.FromBytes(Issue().ToBytes());

        Assert.Null(decoded.ProblemUnder(_authority.PublicKey, From));
        Assert.Null(decoded.ProblemUnder(_authority.PublicKey, Until.AddMilliseconds(999)));
        Assert.Equal(ValidatorIdentity.FromPublicKey(_validator.PublicKey), decoded.ValidatorId);
        Assert.Equal(("silo-a", "wasmtime-50/x64/abc", From, Until), (decoded.Operator, decoded.Profile, decoded.NotBefore, decoded.NotAfter));
    }

    [Fact]
    public void Outside_its_validity_a_certificate_is_refused()
    {
        var certificate = Issue();

        Assert.Contains("not valid before", certificate.ProblemUnder(_authority.PublicKey, From.AddSeconds(-1)));
        Assert.Contains("expired", certificate.ProblemUnder(_authority.PublicKey, Until.AddSeconds(1)));
    }

    [Fact]
    public void A_certificate_of_another_authority_or_signed_by_another_key_is_refused()
    {
        using var stranger = SecretKey.Generate();
        var foreign = ValidatorCertificate.Issue(stranger, _validator.PublicKey, "silo-a", "p", From, Until);
        byte[] claimed = [.. foreign.ToBytes()];
        _authority.PublicKey.ToBytes().CopyTo(claimed, 1);

        Assert.Contains("another authority", foreign.ProblemUnder(_authority.PublicKey, From));
        Assert.Contains("does not verify", ValidatorCertificate.FromBytes(claimed).ProblemUnder(_authority.PublicKey, From));
    }

    /// <summary>Flipping any single bit either breaks the encoding or the signature: no field can be changed unseen.</summary>
    [Fact]
    public void Every_single_bit_change_is_refused()
    {
        var encoded = Issue().ToBytes();
        for (var bit = 0; bit < encoded.Length * 8; bit++)
        {
            byte[] tampered = [.. encoded];
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            string? problem;
            try
            {
                problem = ValidatorCertificate.FromBytes(tampered).ProblemUnder(_authority.PublicKey, From);
            }
            catch (FormatException)
            {
                continue;
            }
            Assert.NotNull(problem);
        }
    }

    [Fact]
    public void Only_the_canonical_encoding_parses()
    {
        var encoded = Issue().ToBytes();

        Assert.Throws<FormatException>(() => ValidatorCertificate.FromBytes([.. encoded, 0]));
        Assert.Throws<FormatException>(() => ValidatorCertificate.FromBytes(encoded[..^1]));
        Assert.Throws<FormatException>(() => ValidatorCertificate.FromBytes([2, .. encoded[1..]]));
        Assert.Throws<FormatException>(() => ValidatorCertificate.FromBytes([]));
    }

    [Fact]
    public void Bad_fields_are_refused_when_issuing()
    {
        Assert.Throws<ArgumentException>(() => ValidatorCertificate.Issue(_authority, _validator.PublicKey, "", "p", From, Until));
        Assert.Throws<ArgumentException>(() => ValidatorCertificate.Issue(_authority, _validator.PublicKey, "a\nb", "p", From, Until));
        Assert.Throws<ArgumentException>(() => ValidatorCertificate.Issue(_authority, _validator.PublicKey, "a", new string('p', 257), From, Until));
        Assert.Throws<ArgumentException>(() => ValidatorCertificate.Issue(_authority, _validator.PublicKey, "a", "p", Until, From));
    }

    /// <summary>The vector of docs/receipt-format.md: a third party's encoder must produce these bytes.</summary>
    [Fact]
    public void The_documented_vector_is_reproduced()
    {
        using var authority = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000003");
        using var validator = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000007");

        var certificate = ValidatorCertificate.Issue(authority, validator.PublicKey, "silo-a", "profile-1", From, Until);

        Assert.Equal(CertificateVector.Body, Convert.ToHexStringLower(certificate.ToBytes()[..^SchnorrSignature.Size]));
        Assert.Equal(CertificateVector.Hash, Convert.ToHexStringLower(certificate.Hash()));
        Assert.Null(ValidatorCertificate.FromBytes(certificate.ToBytes()).ProblemUnder(authority.PublicKey, From));
    }

    private static class CertificateVector
    {
        public const string Body =
            "01f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc000673696c6f2d61000970726f66696c652d31000000006b49d200000000006bc07900";
        public const string Hash = "7acdcf5cdf09b6b550f62311060ec73a241ead58153814567d0a46847c3f67bd";
    }
}
