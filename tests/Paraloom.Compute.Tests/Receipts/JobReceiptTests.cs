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

    /// <summary>The vector of docs/receipt-format.md, made once from <see cref="Keys"/> (signatures use fresh randomness).</summary>
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
        "00000000000493e0001000000004000000006b49d200da39a58cef40080b7493691c56823b63de2745cc23f781209dca61356cd6a44190b2" +
        "6921b029773fc40c7229c29f164dd496b09ff0977294f1fe326a767fa74b00000001000970726f66696c652d310004001176356362646630" +
        "3634366535646234656100117661636434383465326630633766363533001176373734616537663835386139343131650011766632383737" +
        "33633264393735323838620000000000dbfe9a02a7e431cabe61cc8d04e96d03bd1c9e43e4272af6d5d1d55bcc617cb60000000000000004" +
        "d2000300a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d41" +
        "9b7e0330e39ce92bddedcac4f9bc000673696c6f2d30000970726f66696c652d31000000006553f100000000006b49d2009b31eab8e8c677" +
        "14c427f51831402b17b0f6d5f79e1c56141f83dd199f66eec2a2c0501116dee9b3ca88eebea190820bcc96f1b5c0b0d658510f19374d91eb" +
        "0a008551bbff46d4f7bb126dacc12e454e507722e918b1210aaf17b20ac6fea12c265eb286691b164fb0559a1973fe6b7e3cf7ec44a799e4" +
        "2b5412580bfd7b61b29600a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9acd484e2f0c7f65309ad17" +
        "8a9f559abde09796974c57e714c35f110dfc27ccbe000673696c6f2d31000970726f66696c652d31000000006553f100000000006b49d200" +
        "6e06ea69fa0b713146ed7c4d43bc9ab8230d503ee7e0d6ca4484a47adee0b6ff3821bd5335f68a3e687cefca918f0d3e6139b10d0036a771" +
        "f9e5ad17b244ab9a006ea738cf039e98ce59eb442c4a8c353247c0e07d8b45e0af4bd21c71ddd8f63a2de6dbfdc69fc243f6cde1c0c54cd7" +
        "15fa2e111feb6be8e67ab4672c0208f7c900a401f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9774ae7f8" +
        "58a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb000673696c6f2d32000970726f66696c652d31000000006553f10000" +
        "0000006b49d2001739320a1b90a78bba401c58129a532afaae32d19f344e309bb5f1111bdc5ce1e4d1837c03810f1ba78655ddf1f5c48f26" +
        "3fe392f9c7d951d9707b2aaf116cb6002d6c70a22c13b0101e9e69c7a9665ca540d93c2a0b54bc6835c45331705be9cc9454fdc4c99ac3e8" +
        "c64d6ae1e9990a7d0094bee7e5b9bb81232b31cc2c132486";

    public const string Claim = "c17f9b71ef12ed7296aea97e11df34c0df74ce263b490c53444769f1518423bf";
}
