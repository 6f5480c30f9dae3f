using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Tests.Receipts;

public sealed class JobReceiptTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Output = "result"u8.ToArray();
    private const string Profile = "profile-1";

    [Fact]
    public void A_genuine_receipt_verifies_and_round_trips()
    {
        using var keys = new Keys();
        var receipt = keys.Receipt(ExecutionStatus.Ok, 0, Output);

        Assert.Null(receipt.ProblemUnder(keys.Authority.PublicKey, keys.Statement.Statement, Output, checkOutput: true));
        Assert.Equal(receipt.ToBytes(), JobReceipt.FromBytes(receipt.ToBytes()).ToBytes());
        receipt.Verify(keys.Authority.PublicKey, keys.Statement.Statement, Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_single_byte_tampering_is_refused(bool withNote)
    {
        using var keys = new Keys();
        var genuine = (withNote ? keys.NotedReceipt(Output) : keys.Receipt(ExecutionStatus.Ok, 0, Output)).ToBytes();
        for (var i = 0; i < genuine.Length; i++)
        {
            var tampered = (byte[])genuine.Clone();
            tampered[i] ^= 0x01;
            string? problem;
            try
            {
                problem = JobReceipt.FromBytes(tampered).ProblemUnder(keys.Authority.PublicKey, output: Output, checkOutput: true);
            }
            catch (FormatException malformed)
            {
                problem = malformed.Message;
            }
            Assert.True(problem is not null, $"Flipping byte {i} of {genuine.Length} went unnoticed.");
        }
    }

    [Fact]
    public void A_trap_is_certified_by_its_status_and_code_even_offline()
    {
        using var keys = new Keys();
        var trap = keys.Receipt(ExecutionStatus.Trap, (uint)TrapCode.Unreachable, []);
        var rewritten = new JobReceipt(
            trap.Statement, trap.Attempt, trap.Profile, trap.Cohort, ExecutionStatus.Trap, (uint)TrapCode.OutOfFuel, trap.Digest,
            null, trap.FuelUsed, trap.Votes);

        Assert.Null(trap.ProblemUnder(keys.Authority.PublicKey));
        Assert.Contains("status and code", rewritten.ProblemUnder(keys.Authority.PublicKey));
    }

    [Fact]
    public void Forged_output_another_statement_an_outsider_or_too_few_votes_are_refused()
    {
        using var keys = new Keys();
        var receipt = keys.Receipt(ExecutionStatus.Ok, 0, Output);
        using var stranger = SecretKey.Generate();
        var stray = ValidatorCertificate.Issue(keys.Authority, stranger.PublicKey, "silo-x", Profile, From, Expiry);
        var outsider = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, null, receipt.FuelUsed,
            [.. receipt.Votes.Take(2), new ReceiptVote(stray, stranger.Sign(receipt.Claim.Hash()))]);
        var twice = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, null, receipt.FuelUsed,
            [receipt.Votes[0], receipt.Votes[0]]);
        var tooFew = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, null, receipt.FuelUsed, [.. receipt.Votes.Take(2)]);
        using var otherAuthority = SecretKey.Generate();

        Assert.Contains("result received", Problem(receipt, keys, "forged"u8.ToArray()));
        Assert.Contains("not the one", receipt.ProblemUnder(keys.Authority.PublicKey, keys.OtherStatement().Statement));
        Assert.Contains("not a member", Problem(outsider, keys, Output));
        Assert.Contains("twice", Problem(twice, keys, Output));
        Assert.Contains("below the threshold of 3", Problem(tooFew, keys, Output));
        Assert.Contains("another authority", receipt.ProblemUnder(otherAuthority.PublicKey));
        var exception = Assert.Throws<InvalidReceiptException>(() => receipt.Verify(keys.Authority.PublicKey, keys.Statement.Statement, "forged"u8));
        Assert.Contains(keys.Statement.Statement.JobId.Value, exception.Message);
    }

    [Fact]
    public void A_vote_of_a_validator_revoked_by_the_statements_expiry_is_not_counted()
    {
        using var keys = new Keys();
        var receipt = keys.Receipt(ExecutionStatus.Ok, 0, Output);
        var voter = keys.Members[0].PublicKey;
        using var stranger = SecretKey.Generate();
        string? With(params ValidatorRevocation[] revocations) =>
            receipt.ProblemUnder(keys.Authority.PublicKey, keys.Statement.Statement, Output, checkOutput: true, revocations: revocations);

        Assert.Contains("1 more of revoked validators, not counted), below the threshold of 3",
            With(ValidatorRevocation.Issue(keys.Authority, voter, Expiry, "revoked at the expiry")));
        Assert.Contains("below the threshold", With(ValidatorRevocation.Issue(keys.Authority, voter, DateTimeOffset.UnixEpoch, "stolen long ago")));
        Assert.Null(With(ValidatorRevocation.Issue(keys.Authority, voter, Expiry.AddSeconds(1), "revoked after the expiry")));
        Assert.Null(With(ValidatorRevocation.Issue(stranger, voter, From, "by another authority")));
        Assert.Null(With(ValidatorRevocation.Issue(keys.Authority, keys.Members[3].PublicKey, From, "a member that did not vote")));
        Assert.Null(With());
    }

    [Fact]
    public void A_private_results_note_is_signed_by_every_vote_and_round_trips()
    {
        using var keys = new Keys();
        var receipt = keys.NotedReceipt(Output);
        var parsed = JobReceipt.FromBytes(receipt.ToBytes());

        Assert.Null(Problem(parsed, keys, Output));
        Assert.Equal(keys.Note, parsed.Note);
        Assert.Equal(keys.Note, parsed.Claim.Note);
    }

    [Fact]
    public void A_receipt_whose_note_was_swapped_or_whose_votes_disagree_on_it_is_refused()
    {
        using var keys = new Keys();
        var receipt = keys.NotedReceipt(Output);
        var swapped = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, receipt.OutputFingerprint, receipt.FuelUsed,
            receipt.Votes, Keys.AmountNote(7, 2));
        var stripped = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, receipt.OutputFingerprint, receipt.FuelUsed,
            receipt.Votes);
        // The first vote's note rewritten in place: the votes then carry two different notes.
        var encoded = receipt.ToBytes();
        var first = encoded.AsSpan().IndexOf(keys.Note.ToBytes());
        Keys.AmountNote(7, 2).ToBytes().CopyTo(encoded, first);

        Assert.Contains("does not verify", Problem(swapped, keys, Output));
        Assert.Contains("does not verify", Problem(stripped, keys, Output));
        Assert.Contains("disagree on the note", Assert.Throws<FormatException>(() => JobReceipt.FromBytes(encoded)).Message);
    }

    [Fact]
    public void A_note_on_a_result_without_a_private_output_is_refused()
    {
        using var keys = new Keys();
        var receipt = keys.Receipt(ExecutionStatus.Ok, 0, Output);
        var noted = new JobReceipt(
            receipt.Statement, 1, Profile, receipt.Cohort, ExecutionStatus.Ok, 0, receipt.Digest, null, receipt.FuelUsed, receipt.Votes,
            keys.Note);

        Assert.Contains("no private output", Problem(noted, keys, Output));
    }

    /// <summary>The vector of docs/receipt-format.md, made from <see cref="Keys"/> (signatures with zero auxiliary randomness: SignedVectorTests).</summary>
    [Fact]
    public void The_documented_vector_verifies()
    {
        using var keys = new Keys();
        var receipt = JobReceipt.FromBytes(Convert.FromHexString(ReceiptVector.Encoding));

        Assert.Null(receipt.ProblemUnder(keys.Authority.PublicKey, keys.Statement.Statement, Output, checkOutput: true));
        Assert.Equal(ReceiptVector.Claim, Convert.ToHexStringLower(receipt.Claim.Hash()));
    }

    private static string? Problem(JobReceipt receipt, Keys keys, byte[] output) =>
        receipt.ProblemUnder(keys.Authority.PublicKey, keys.Statement.Statement, output, checkOutput: true);

    /// <summary>Fixed keys: the authority 00…03, the requester 00…05, members 00…07, 00…09, 00…0b and 00…0d (K = 4: 3 of them vote).</summary>
    private sealed class Keys : IDisposable
    {
        public SecretKey Authority { get; } = Key(3);
        public SecretKey Requester { get; } = Key(5);
        public SecretKey[] Members { get; } = [Key(7), Key(9), Key(11), Key(13)];

        public SignedJobStatement Statement => StatementOf("receipt-1");

        public SignedJobStatement OtherStatement() => StatementOf("receipt-2");

        private SignedJobStatement StatementOf(string jobId) => JobStatement.ForPublic(
            JobId.Parse(jobId), [0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0], [0x01, 0x02], Requester.PublicKey, new ResourceLimits(), 4,
            Expiry, JobNonce.FromBytes(new byte[32])).Sign(Requester);

        /// <summary>An amount note of 42 under blinding 1: any fixed note will do, the receipt never opens it.</summary>
        public NoteCommitment Note { get; } = AmountNote(42, 1);

        public static NoteCommitment AmountNote(ulong amount, byte blinding)
        {
            var scalar = new byte[Blinding.Size];
            scalar[^1] = blinding;
            using var value = CommitmentValue.OfAmount(amount);
            using var r = Blinding.FromBytes(scalar);
            return new NoteCommitment(NoteKind.Amount, PedersenCommitment.Commit(value, r));
        }

        public JobReceipt Receipt(ExecutionStatus status, uint code, byte[] output, ResultDigest? fingerprint = null, NoteCommitment? note = null)
        {
            var statement = Statement;
            string[] cohort = [.. Members.Select(member => ValidatorIdentity.FromPublicKey(member.PublicKey))];
            var digest = ResultDigestEncoding.Compute(status, code, output, fingerprint);
            var claim = new VoteClaim(statement.Statement.Hash(), 1, VoteClaim.HashCohort(cohort), digest, 1_234, Profile, note).Hash();
            ReceiptVote[] votes = [.. Members.Take(3).Select((member, i) => new ReceiptVote(
                ValidatorCertificate.Issue(Authority, member.PublicKey, $"silo-{i}", Profile, From, Expiry), member.Sign(claim)))];
            return new JobReceipt(statement, 1, Profile, cohort, status, code, digest, fingerprint, 1_234, votes, note);
        }

        /// <summary>A private-shaped result (a fingerprint beside the output) whose votes sign <see cref="Note"/>.</summary>
        public JobReceipt NotedReceipt(byte[] output) =>
            Receipt(ExecutionStatus.Ok, 0, output, ResultDigest.FromBytes(Enumerable.Repeat((byte)0x11, ResultDigest.Length).ToArray()), Note);

        public void Dispose()
        {
            Authority.Dispose();
            Requester.Dispose();
            foreach (var member in Members)
            {
                member.Dispose();
            }
        }

        private static SecretKey Key(byte last)
        {
            var bytes = new byte[32];
            bytes[^1] = last;
            return SecretKey.FromBytes(bytes);
        }
    }
}

internal static class ReceiptVector
{
    public const string Encoding =
        "0100bb01000009726563656970742d3193a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476a12871fee210fb86" +
        "19291eaea194581cbd2531e4b23759d225f6806923f632220000000000000000000000000000000000000000000000000000000000000000" +
        "2f8bde4d1a07209355b4a7250a5c5128e88b84bddc619ab7cba8d569b240efe40000000004000000000000003b9aca000000000000007530" +
        "00000000000493e0001000000004000000006b49d200c7d1b9c76cb88f96f77ee1571d55ed10a9459080d4e64f27c6d972d3e48a47ea5c1c" +
        "15a2bf717c349c81a5fc1ee4e198d4773baf0152758e9ed3dd955d0f292200000001000970726f66696c652d310004001176356362646630" +
        "3634366535646234656100117661636434383465326630633766363533001176373734616537663835386139343131650011766632383737" +
        "33633264393735323838620000000000dbfe9a02a7e431cabe61cc8d04e96d03bd1c9e43e4272af6d5d1d55bcc617cb60000000000000004" +
        "d2000300a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d41" +
        "9b7e0330e39ce92bddedcac4f9bc000673696c6f2d30000970726f66696c652d31000000006553f100000000006b49d200d78a5bf5c328a3" +
        "075c29d72f29f9d23a446e88084dfc37626739cf5521c3cf3c26c11216ec2f318a962159afc3d9cf4635f24a823705c643d54ecd02eb1f9c" +
        "8800a05c3d87e1c9f7e4540e683103441fde29e330367a851337c580298982967ea0fada9d31aebc38eb0c9e6fb2b488519fb65d4ad7fc7a" +
        "8d32c176262a29adbe3800a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9acd484e2f0c7f65309ad17" +
        "8a9f559abde09796974c57e714c35f110dfc27ccbe000673696c6f2d31000970726f66696c652d31000000006553f100000000006b49d200" +
        "d02221ea1b8417373424118a8222ae4eaa36c2e3e49cea5b972dd28c6bb581617b06d7ad1d0b69262bc09c0731cc8a4f1626e6ccdbfe176b" +
        "cd231102ef70f1d10072cd2cd00b7329ca4da199503506a84ce2f674c147a636ca7af343f875c834b6a9a3eed7231deee0c0f3299b76e229" +
        "faed523fef4dbf75160dc0db978e77f14800a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9774ae7f8" +
        "58a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb000673696c6f2d32000970726f66696c652d31000000006553f10000" +
        "0000006b49d2005aab0f293e9a8ab1fb0ffe4a07f0615d1ac8dba4f8c38a4b1d55a44932ab2dcce51c49cc34a675c9bc2680767048be7375" +
        "19878e30a819e56be25c0fee3779840078ccd03bf12313e7f070efa41e22ca448c4adb959df1a331f6c5f61c6221d23f93b48707def3683f" +
        "b300ea8c2abc76d1e661c9e96000e7dd0d8cf92c5251b46b";

    public const string Claim = "c17f9b71ef12ed7296aea97e11df34c0df74ce263b490c53444769f1518423bf";
}
