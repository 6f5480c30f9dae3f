using System.Text;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

public class ExecutionResultTests
{
    // Vectors computed independently (Python hashlib) from the encoding documented in the README.
    [Fact]
    public void Digests_follow_the_documented_encoding()
    {
        Assert.Equal("2b5c414a121c0be77a07aef27528e7448d9e81951021c54ac383477e7ed3e6ba",
            ExecutionResult.Ok("abc"u8.ToArray(), 10).Digest!.ToString());
        Assert.Equal("4531b9f3bf950d9a6edd96d5ae1f6a570272b08f8c82042bd6930c6d35f4cd46",
            ExecutionResult.Trapped(TrapCode.OutOfFuel, 10).Digest!.ToString());
        Assert.Equal("334e4ff4a83dbf3866ec8a77fb46e44719b2621f5d9db8019607a1c75b58f272",
            ExecutionResult.Failed(AbiErrorKind.OutputTooLarge, 10).Digest!.ToString());
    }

    [Fact]
    public void A_private_results_digest_covers_its_sealed_output_and_its_fingerprint_under_its_own_tag()
    {
        var fingerprint = ResultDigest.FromBytes(Enumerable.Repeat((byte)0x11, ResultDigest.Length).ToArray());
        var otherFingerprint = ResultDigest.FromBytes(Enumerable.Repeat((byte)0x12, ResultDigest.Length).ToArray());
        var sealedResult = ExecutionResult.Ok([], 10).WithSealedOutput("abc"u8.ToArray(), fingerprint, TestNotes.Any);

        Assert.Equal("d95141b47958f3e6b8aca92621bd0cde93712eae63be37882a6bc84a52d8f7d7", sealedResult.Digest!.ToString());
        Assert.Equal(fingerprint, sealedResult.OutputFingerprint);
        Assert.NotEqual(ExecutionResult.Ok("abc"u8.ToArray(), 10).Digest, sealedResult.Digest);
        Assert.NotEqual(ResultDigestEncoding.Compute(ExecutionStatus.Ok, 0, "abc"u8, otherFingerprint), sealedResult.Digest);
    }

    [Fact]
    public void Fuel_is_not_part_of_the_digest_but_status_code_and_output_are()
    {
        Assert.Equal(ExecutionResult.Ok([1], 1).Digest, ExecutionResult.Ok([1], 2).Digest);
        Assert.NotEqual(ExecutionResult.Ok([1], 1).Digest, ExecutionResult.Ok([2], 1).Digest);
        Assert.NotEqual(ExecutionResult.Trapped(TrapCode.Unreachable, 1).Digest, ExecutionResult.Trapped(TrapCode.OutOfFuel, 1).Digest);
        Assert.NotEqual(ExecutionResult.Ok([], 1).Digest, ExecutionResult.Trapped(TrapCode.Unreachable, 1).Digest);
    }

    [Fact]
    public void A_timeout_has_no_digest_and_is_not_votable()
    {
        var result = ExecutionResult.TimedOut(5);
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Null(result.Digest);
        Assert.False(result.IsVotable);
        Assert.True(ExecutionResult.Trapped(TrapCode.OutOfFuel, 5).IsVotable);
    }

    [Fact]
    public void Accessors_report_the_code_that_matches_the_status()
    {
        var trap = ExecutionResult.Trapped(TrapCode.CallStackExhausted, 3);
        Assert.Equal(TrapCode.CallStackExhausted, trap.Trap);
        Assert.Null(trap.AbiError);
        var abi = ExecutionResult.Failed(AbiErrorKind.MissingExport, 0);
        Assert.Equal(AbiErrorKind.MissingExport, abi.AbiError);
        Assert.Null(abi.Trap);
        Assert.True(abi.Output.IsEmpty);
    }

    [Fact]
    public void ToString_never_shows_the_output()
    {
        var result = ExecutionResult.Ok(Encoding.UTF8.GetBytes("secret salary 123456"), 9);
        var text = result.ToString();
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain(Convert.ToHexString(result.Output.Span), text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("20 bytes", text);
    }
}
