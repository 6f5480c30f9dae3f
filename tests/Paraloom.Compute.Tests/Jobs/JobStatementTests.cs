using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Jobs;

public sealed class JobStatementTests : IDisposable
{
    private static readonly byte[] Module = [0, 97, 115, 109, 1, 0, 0, 0];
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly SecretKey _requester = SecretKey.Generate();

    public void Dispose() => _requester.Dispose();

    private JobStatement Public(string id = "job-1", byte[]? input = null, ResourceLimits? limits = null, int replication = 3, DateTimeOffset? expiry = null) =>
        JobStatement.ForPublic(JobId.Parse(id), Module, input ?? [1, 2], _requester.PublicKey, limits ?? ResourceLimits.Default, replication,
            expiry ?? Expiry, JobNonce.FromBytes(new byte[JobNonce.Size]));

    [Fact]
    public void A_statement_survives_its_encoding_and_its_signature_verifies()
    {
        var signed = Public().Sign(_requester);
        var decoded = SignedJobStatement.FromBytes(signed.Statement.ToBytes(), signed.Signature.ToBytes());

        Assert.True(decoded.IsSignedByRequester);
        Assert.Equal(signed.Statement.ToBytes(), decoded.Statement.ToBytes());
        Assert.Equal(Expiry, decoded.Statement.ExpiresAt);
        Assert.Equal(ResourceLimits.Default, decoded.Statement.Limits);
    }

    [Fact]
    public void Every_field_changes_the_hash_so_no_signature_covers_another_job()
    {
        var hash = Convert.ToHexString(Public().Hash());
        JobStatement[] changed =
        [
            Public(id: "job-2"), Public(input: [1, 3]), Public(limits: new ResourceLimits { Fuel = 7 }), Public(replication: 4),
            Public(expiry: Expiry.AddSeconds(1)),
            JobStatement.ForPublic(JobId.Parse("job-1"), Module, [1, 2], _requester.PublicKey, ResourceLimits.Default, 3, Expiry),
        ];

        Assert.All(changed, statement => Assert.NotEqual(hash, Convert.ToHexString(statement.Hash())));
    }

    [Fact]
    public void A_signature_by_another_key_is_not_the_requesters()
    {
        using var squatter = SecretKey.Generate();
        var statement = Public();

        Assert.Throws<ArgumentException>(() => statement.Sign(squatter));
        Assert.False(new SignedJobStatement(statement, squatter.Sign(statement.Hash())).IsSignedByRequester);
    }

    [Fact]
    public void Only_the_canonical_encoding_parses()
    {
        var encoded = Public().ToBytes();
        byte[] otherVersion = [2, .. encoded[1..]];
        byte[] otherKind = [encoded[0], 7, .. encoded[2..]];

        Assert.Throws<FormatException>(() => JobStatement.FromBytes([.. encoded, 0]));
        Assert.Throws<FormatException>(() => JobStatement.FromBytes(encoded[..^1]));
        Assert.Throws<FormatException>(() => JobStatement.FromBytes(otherVersion));
        Assert.Throws<FormatException>(() => JobStatement.FromBytes(otherKind));
        Assert.Throws<FormatException>(() => JobStatement.FromBytes([]));
    }

    [Fact]
    public void A_statement_names_the_one_job_it_describes()
    {
        var statement = Public();

        Assert.Null(statement.MismatchWith(JobSpec.Public(JobId.Parse("job-1"), Module, [1, 2])));
        Assert.Equal("input", statement.MismatchWith(JobSpec.Public(JobId.Parse("job-1"), Module, [1, 3])));
        Assert.Equal("job id", statement.MismatchWith(JobSpec.Public(JobId.Parse("job-2"), Module, [1, 2])));
        Assert.Equal("module", statement.MismatchWith(JobSpec.Public(JobId.Parse("job-1"), [0, 97, 115, 109], [1, 2])));
        Assert.Equal("replication", statement.MismatchWith(JobSpec.Public(JobId.Parse("job-1"), Module, [1, 2], replication: 5)));
        Assert.Equal("limits", statement.MismatchWith(JobSpec.Public(JobId.Parse("job-1"), Module, [1, 2], new ResourceLimits { Fuel = 9 })));
    }

    /// <summary>The vector of docs/receipt-format.md: a third party's encoder must produce these bytes and this hash.</summary>
    [Fact]
    public void The_documented_vector_encodes_and_hashes_as_specified()
    {
        using var requester = SecretKey.ImportHex("0000000000000000000000000000000000000000000000000000000000000003");
        var statement = JobStatement.ForPublic(
            JobId.Parse("vector-1"), Module, [1, 2], requester.PublicKey, ResourceLimits.Default, 3, Expiry, JobNonce.FromBytes(new byte[JobNonce.Size]));

        Assert.Equal(VectorEncoding, Convert.ToHexStringLower(statement.ToBytes()));
        Assert.Equal(VectorHash, Convert.ToHexStringLower(statement.Hash()));
    }

    private const string VectorEncoding =
        "01000008766563746f722d3193a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476a12871fee210fb8619291eaea194581cbd2531e4b23759d225f6806923f632220000000000000000000000000000000000000000000000000000000000000000f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f90000000004000000000000003b9aca00000000000000753000000000000493e0001000000003000000006b49d200";
    private const string VectorHash = "42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e0591";

    [Fact]
    public void K_outside_what_the_encoding_holds_cannot_be_stated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Public(replication: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Public(replication: 70_000));
    }
}
