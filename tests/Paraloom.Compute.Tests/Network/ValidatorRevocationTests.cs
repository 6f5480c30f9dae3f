using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Network;

public sealed class ValidatorRevocationTests : IDisposable
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly SecretKey _authority = SecretKey.Generate();
    private readonly SecretKey _validator = SecretKey.Generate();
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-revocation-").FullName;

    public void Dispose()
    {
        _authority.Dispose();
        _validator.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ValidatorRevocation Revoke(string reason = "key compromised") =>
        ValidatorRevocation.Issue(_authority, _validator.PublicKey, From, reason);

    [Fact]
    public void A_revocation_survives_its_encoding_and_revokes_its_key_from_its_moment_on()
    {
        var decoded = ValidatorRevocation.FromBytes(Revoke().ToBytes());

        Assert.Null(decoded.ProblemUnder(_authority.PublicKey));
        Assert.Equal((ValidatorIdentity.FromPublicKey(_validator.PublicKey), From, "key compromised"), (decoded.ValidatorId, decoded.EffectiveFrom, decoded.Reason));
        Assert.True(decoded.Revokes(_validator.PublicKey, _authority.PublicKey, From));
        Assert.False(decoded.Revokes(_validator.PublicKey, _authority.PublicKey, From.AddSeconds(-1)));
        Assert.False(decoded.Revokes(_authority.PublicKey, _authority.PublicKey, From));
    }

    [Fact]
    public void A_revocation_of_another_authority_or_signed_by_another_key_revokes_nothing()
    {
        using var stranger = SecretKey.Generate();
        var foreign = ValidatorRevocation.Issue(stranger, _validator.PublicKey, From, "not yours");
        byte[] claimed = [.. foreign.ToBytes()];
        _authority.PublicKey.ToBytes().CopyTo(claimed, 1);
        var forged = ValidatorRevocation.FromBytes(claimed);

        Assert.Contains("another authority", foreign.ProblemUnder(_authority.PublicKey));
        Assert.Contains("does not verify", forged.ProblemUnder(_authority.PublicKey));
        Assert.False(foreign.Revokes(_validator.PublicKey, _authority.PublicKey, From));
        Assert.False(forged.Revokes(_validator.PublicKey, _authority.PublicKey, From));
    }

    /// <summary>Flipping any single bit either breaks the encoding or the signature: no field can be changed unseen.</summary>
    [Fact]
    public void Every_single_bit_change_is_refused()
    {
        var encoded = Revoke().ToBytes();
        for (var bit = 0; bit < encoded.Length * 8; bit++)
        {
            byte[] tampered = [.. encoded];
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            string? problem;
            try
            {
                problem = ValidatorRevocation.FromBytes(tampered).ProblemUnder(_authority.PublicKey);
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
        var encoded = Revoke().ToBytes();

        Assert.Throws<FormatException>(() => ValidatorRevocation.FromBytes([.. encoded, 0]));
        Assert.Throws<FormatException>(() => ValidatorRevocation.FromBytes(encoded[..^1]));
        Assert.Throws<FormatException>(() => ValidatorRevocation.FromBytes([2, .. encoded[1..]]));
        Assert.Throws<FormatException>(() => ValidatorRevocation.FromBytes([]));
    }

    [Fact]
    public void Bad_fields_are_refused_when_issuing()
    {
        Assert.Throws<ArgumentException>(() => Revoke(""));
        Assert.Throws<ArgumentException>(() => Revoke("   "));
        Assert.Throws<ArgumentException>(() => Revoke("a\nb"));
        Assert.Throws<ArgumentException>(() => Revoke(new string('r', 257)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidatorRevocation.Issue(_authority, _validator.PublicKey, DateTimeOffset.UnixEpoch.AddSeconds(-1), "early"));
    }

    [Fact]
    public void The_file_round_trips_is_never_overwritten_and_anything_else_is_refused()
    {
        var path = Path.Combine(_directory, "validator-1" + ValidatorRevocationFile.Extension);
        var revocation = Revoke();

        ValidatorRevocationFile.WriteNew(path, revocation);

        Assert.Equal(revocation.ToBytes(), ValidatorRevocationFile.Read(path).ToBytes());
        Assert.Throws<IOException>(() => ValidatorRevocationFile.WriteNew(path, Revoke("again")));
        Assert.Equal(revocation.ToBytes(), ValidatorRevocationFile.Read(path).ToBytes());
        var certificateFile = Path.Combine(_directory, "validator-1.cert");
        ValidatorCertificateFile.Write(certificateFile, ValidatorCertificate.Issue(_authority, _validator.PublicKey, "silo-a", "p", From, From));
        Assert.Throws<FormatException>(() => ValidatorRevocationFile.Read(certificateFile));
        File.WriteAllText(path + "-cut", File.ReadAllText(path).Replace("\"revocation\": \"", "\"revocation\": \"00"));
        Assert.Throws<FormatException>(() => ValidatorRevocationFile.Read(path + "-cut"));
    }

    /// <summary>The vector of docs/receipt-format.md (computed apart, by the Node verifier's libraries): a third party's encoder must produce these bytes.</summary>
    [Fact]
    public void The_documented_vector_is_reproduced()
    {
        using var authority = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000003");
        using var validator = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000007");

        var revocation = ValidatorRevocation.Issue(authority, validator.PublicKey, From, "key compromised");

        Assert.Equal(RevocationVector.Body, Convert.ToHexStringLower(revocation.ToBytes()[..^SchnorrSignature.Size]));
        Assert.Equal(RevocationVector.Hash, Convert.ToHexStringLower(revocation.Hash()));
        Assert.Null(ValidatorRevocation.FromBytes(revocation.ToBytes()).ProblemUnder(authority.PublicKey));
    }

    private static class RevocationVector
    {
        public const string Body =
            "01f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc000000006b49d200000f6b657920636f6d70726f6d69736564";
        public const string Hash = "f270c308df41bf9322903b44bbb844155834da6a32bd388f38588ebf2805f7f9";
    }
}
