using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Receipts;

public sealed class RejectionReceiptTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] NoAux = new byte[32];
    private const string Profile = "profile-1";

    [Fact]
    public void Genuine_rejections_verify_and_round_trip()
    {
        using var keys = new Keys();
        foreach (var receipt in new[] { keys.WallClock(), keys.Disagreement() })
        {
            var parsed = RejectionReceipt.FromBytes(receipt.ToBytes());

            Assert.Null(parsed.ProblemUnder(keys.Authority.PublicKey, receipt.Statement.Statement));
            Assert.Equal(receipt.ToBytes(), parsed.ToBytes());
            parsed.Verify(keys.Authority.PublicKey, receipt.Statement.Statement);
        }
    }

    [Fact]
    public void Every_single_byte_tampering_is_refused()
    {
        using var keys = new Keys();
        foreach (var genuine in new[] { keys.WallClock().ToBytes(), keys.Disagreement().ToBytes() })
        {
            for (var i = 0; i < genuine.Length; i++)
            {
                var tampered = (byte[])genuine.Clone();
                tampered[i] ^= 0x01;
                string? problem;
                try
                {
                    problem = RejectionReceipt.FromBytes(tampered).ProblemUnder(keys.Authority.PublicKey);
                }
                catch (FormatException malformed)
                {
                    problem = malformed.Message;
                }
                Assert.True(problem is not null, $"Flipping byte {i} of {genuine.Length} went unnoticed.");
            }
        }
    }

    [Fact]
    public void A_wall_clock_rejection_needs_every_member_of_its_attempt()
    {
        using var keys = new Keys();
        var genuine = keys.WallClock();
        var attempt = genuine.Attempts[0];
        var missing = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.WallClock,
            [new RejectedAttempt(attempt.Attempt, Profile, attempt.Cohort, [.. attempt.Entries.Skip(1)])]);
        var twice = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.WallClock,
            [new RejectedAttempt(attempt.Attempt, Profile, attempt.Cohort, [attempt.Entries[0], attempt.Entries[0], attempt.Entries[1]])]);
        var twoAttempts = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.WallClock, [attempt, attempt]);
        // The same reports under another attempt number: they signed attempt 2.
        var moved = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.WallClock,
            [new RejectedAttempt(1, Profile, attempt.Cohort, attempt.Entries)]);

        Assert.Contains("2 valid wall-clock reports of 3 members", Problem(missing, keys));
        Assert.Contains("signs twice", Problem(twice, keys));
        Assert.Contains("one attempt, not 2", Problem(twoAttempts, keys));
        Assert.Contains("does not verify", Problem(moved, keys));
    }

    [Fact]
    public void Withheld_votes_count_as_agreeing_so_they_cannot_fake_a_disagreement()
    {
        // K = 4, threshold 3: votes A, A, B leave one vote missing, which could have made A's third.
        using var keys = new Keys();
        var partial = keys.Disagreement(replication: 4, ballots: [0, 0, 1]);
        var split = keys.Disagreement(replication: 4, ballots: [0, 0, 1, 1]);
        var agreeing = keys.Disagreement(replication: 4, ballots: [0, 0, 0]);

        Assert.Contains("biggest group 2: with the 1 missing it could reach the threshold of 3", Problem(partial, keys));
        Assert.Null(Problem(split, keys));
        Assert.Contains("biggest group 3", Problem(agreeing, keys));
    }

    [Fact]
    public void A_disagreement_needs_every_attempt_the_network_allows()
    {
        using var keys = new Keys();
        var genuine = keys.Disagreement();
        var fewer = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.Disagreement, [.. genuine.Attempts.Take(2)]);
        var repeated = new RejectionReceipt(genuine.Statement, CertifiedRejectionReason.Disagreement,
            [genuine.Attempts[0], genuine.Attempts[0], genuine.Attempts[2]]);

        Assert.Contains("attempts 1 to 3", Problem(fewer, keys));
        Assert.Contains("attempts 1 to 3", Problem(repeated, keys));
        Assert.Null(fewer.ProblemUnder(keys.Authority.PublicKey, agreement: new AgreementOptions { MaxAttempts = 2 }));
    }

    [Fact]
    public void Outsiders_uncertified_members_another_statement_and_revoked_validators_are_refused()
    {
        using var keys = new Keys();
        var genuine = keys.Disagreement();
        var attempt = genuine.Attempts[0];
        using var stranger = SecretKey.Generate();
        using var otherAuthority = SecretKey.Generate();
        var ballot = attempt.Entries[0].Ballot!;
        var claim = new VoteClaim(
            genuine.Statement.Statement.Hash(), 1, VoteClaim.HashCohort(attempt.Cohort), ballot.Digest, ballot.FuelUsed, Profile).Hash();
        RejectionReceipt With(RejectionEntry entry) => new(genuine.Statement, CertifiedRejectionReason.Disagreement,
            [new RejectedAttempt(1, Profile, attempt.Cohort, [attempt.Entries[1], entry]), genuine.Attempts[1], genuine.Attempts[2]]);
        var outsider = With(new RejectionEntry(
            ValidatorCertificate.Issue(keys.Authority, stranger.PublicKey, "silo-x", Profile, From, Expiry), stranger.Sign(claim), ballot));
        var uncertified = With(new RejectionEntry(
            ValidatorCertificate.Issue(otherAuthority, keys.Members[0].PublicKey, "silo-0", Profile, From, Expiry), keys.Members[0].Sign(claim), ballot));
        var revoked = ValidatorRevocation.Issue(keys.Authority, keys.Members[0].PublicKey, From, "stolen");

        Assert.Contains("not a member", Problem(outsider, keys));
        Assert.Contains("another authority", Problem(uncertified, keys));
        Assert.Contains("not the one", genuine.ProblemUnder(keys.Authority.PublicKey, keys.StatementOf("other-job", 2).Statement));
        Assert.Contains("another authority", genuine.ProblemUnder(otherAuthority.PublicKey));
        Assert.Contains("could reach the threshold", genuine.ProblemUnder(keys.Authority.PublicKey, revocations: [revoked]));
        var exception = Assert.Throws<InvalidReceiptException>(
            () => outsider.Verify(keys.Authority.PublicKey, genuine.Statement.Statement));
        Assert.Contains("rejection-2", exception.Message);
    }

    [Fact]
    public void A_report_and_a_vote_do_not_mix_and_a_job_receipt_is_no_rejection()
    {
        using var keys = new Keys();
        var wallClock = keys.WallClock();
        var disagreement = keys.Disagreement();

        Assert.Throws<ArgumentException>(() => new RejectionReceipt(
            wallClock.Statement, CertifiedRejectionReason.Disagreement, wallClock.Attempts));
        Assert.Throws<ArgumentException>(() => new RejectionReceipt(
            disagreement.Statement, CertifiedRejectionReason.WallClock, disagreement.Attempts));
        var jobReceipt = wallClock.ToBytes();
        jobReceipt[0] = JobReceipt.Version;
        Assert.Contains("Not a rejection receipt", Assert.Throws<FormatException>(() => RejectionReceipt.FromBytes(jobReceipt)).Message);
    }

    /// <summary>The vectors of docs/receipt-format.md, exact because every signature is made without randomness.</summary>
    [Fact]
    public void The_documented_vectors_are_reproduced()
    {
        using var keys = new Keys();
        var document = File.ReadAllText(Repository.PathOf("docs", "receipt-format.md"));

        Assert.Contains($"\nwall-clock rejection {Convert.ToHexStringLower(keys.WallClock().ToBytes())}\n", document);
        Assert.Contains($"\ndisagreement {Convert.ToHexStringLower(keys.Disagreement().ToBytes())}\n", document);
    }

    private static string? Problem(RejectionReceipt receipt, Keys keys) =>
        receipt.ProblemUnder(keys.Authority.PublicKey, receipt.Statement.Statement);

    /// <summary>
    /// Fixed keys (the authority 00…03, the requester 00…05, members 00…07, 00…09, 00…0b, 00…0d) and signatures without
    /// auxiliary randomness, so the receipts built here are the documented vectors.
    /// </summary>
    private sealed class Keys : IDisposable
    {
        public SecretKey Authority { get; } = Key(3);
        public SecretKey Requester { get; } = Key(5);
        public SecretKey[] Members { get; } = [Key(7), Key(9), Key(11), Key(13)];

        public SignedJobStatement StatementOf(string jobId, int replication)
        {
            var statement = JobStatement.ForPublic(
                JobId.Parse(jobId), [0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0], [0x01, 0x02], Requester.PublicKey, ResourceLimits.Default,
                replication, Expiry, JobNonce.FromBytes(new byte[JobNonce.Size]));
            return new SignedJobStatement(statement, SchnorrSignature.Sign(Requester, statement.Hash(), NoAux));
        }

        /// <summary>Job <c>rejection-1</c>, K = 3: the three first members report the wall clock in attempt 2.</summary>
        public RejectionReceipt WallClock()
        {
            var statement = StatementOf("rejection-1", 3);
            var members = Members.Take(3).ToArray();
            var cohort = Cohort(members);
            var claim = new WallClockClaim(statement.Statement.Hash(), 2, VoteClaim.HashCohort(cohort), Profile).Hash();
            return new RejectionReceipt(statement, CertifiedRejectionReason.WallClock,
                [new RejectedAttempt(2, Profile, cohort, [.. members.Select((key, i) => new RejectionEntry(Certificate(key, i), Sign(key, claim)))])]);
        }

        /// <summary>
        /// Job <c>rejection-2</c> (by default K = 2, threshold 2): in each of the 3 attempts member i votes for the output
        /// <c>result-{ballots[i]}</c> (fuel 1 234).
        /// </summary>
        public RejectionReceipt Disagreement(int replication = 2, int[]? ballots = null)
        {
            ballots ??= [0, 1];
            var statement = StatementOf("rejection-2", replication);
            var members = Members.Take(replication).ToArray();
            var cohort = Cohort(members);
            RejectedAttempt Attempt(int attempt) => new(attempt, Profile, cohort, [.. ballots.Select((choice, i) =>
            {
                var digest = ResultDigestEncoding.Compute(ExecutionStatus.Ok, 0, System.Text.Encoding.ASCII.GetBytes($"result-{choice}"));
                var claim = new VoteClaim(statement.Statement.Hash(), attempt, VoteClaim.HashCohort(cohort), digest, 1_234, Profile).Hash();
                return new RejectionEntry(Certificate(members[i], i), Sign(members[i], claim), new RejectionBallot(digest, 1_234));
            })]);
            return new RejectionReceipt(statement, CertifiedRejectionReason.Disagreement, [Attempt(1), Attempt(2), Attempt(3)]);
        }

        public void Dispose()
        {
            Authority.Dispose();
            Requester.Dispose();
            foreach (var member in Members)
            {
                member.Dispose();
            }
        }

        private static string[] Cohort(SecretKey[] members) => [.. members.Select(key => ValidatorIdentity.FromPublicKey(key.PublicKey))];

        /// <summary>The receipt vector's certificates: operator silo-i, valid from 1 700 000 000 to 1 800 000 000.</summary>
        private ValidatorCertificate Certificate(SecretKey member, int index)
        {
            var issued = ValidatorCertificate.Issue(Authority, member.PublicKey, $"silo-{index}", Profile, From, Expiry);
            return ValidatorCertificate.FromBytes([.. issued.ToBytes()[..^SchnorrSignature.Size], .. Sign(Authority, issued.Hash()).ToBytes()]);
        }

        private static SchnorrSignature Sign(SecretKey key, byte[] hash) => SchnorrSignature.Sign(key, hash, NoAux);

        private static SecretKey Key(byte last)
        {
            var bytes = new byte[32];
            bytes[^1] = last;
            return SecretKey.FromBytes(bytes);
        }
    }
}
