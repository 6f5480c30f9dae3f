using System.Text;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Tests.Interop;

/// <summary>
/// The Node verifier agrees with <see cref="JobReceipt"/> on whole receipts: genuine ones of each shape (a public
/// result, a private one with its fingerprint and note, a trap), every single-field change of each under the old
/// signatures and signed again, values at the edges of each field's documented range, and the votes that the same
/// revocations discount.
/// </summary>
public sealed class ReceiptAgreementTests : IDisposable
{
    private const string Profile = "wasmtime/x64/profile-1";
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Output = "result"u8.ToArray();

    private readonly SecretKey _authority = SecretKey.Generate();
    private readonly SecretKey _requester = SecretKey.Generate();
    private readonly SecretKey[] _members = [SecretKey.Generate(), SecretKey.Generate(), SecretKey.Generate(), SecretKey.Generate()];

    public void Dispose()
    {
        _authority.Dispose();
        _requester.Dispose();
        foreach (var member in _members)
        {
            member.Dispose();
        }
    }

    public static TheoryData<string> Shapes => ["public", "private", "trap"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void It_agrees_on_every_single_field_change_signed_or_not(string shape)
    {
        var (genuine, output) = Genuine(shape);
        var cases = ReceiptAgreement.SingleFieldCases(genuine, _requester, _authority, _members);

        var (disagreements, offline) = ReceiptAgreement.Compare(cases, _authority.PublicKey, output);

        Assert.True(offline["genuine"].Valid, offline["genuine"].Line);
        Assert.False(offline["changed-digest"].Valid, offline["changed-digest"].Line);
        Assert.Empty(disagreements);
    }

    /// <summary>Values no honest encoder writes, each signed again by everyone, at and past each documented bound.</summary>
    [Fact]
    public void It_agrees_at_the_edges_of_every_fields_range()
    {
        var raw = RawReceipt.Parse(Genuine("public").Receipt);
        var cases = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        void Case(string name, Action<RawReceipt> change)
        {
            var edited = raw.Clone();
            change(edited);
            cases[name] = edited.SignedAgain(_requester, _authority, _members).ToBytes();
        }
        void Statement(string name, string field, ulong value) => Case(name, receipt => SetStatement(receipt, field, value));

        Statement("expiry-in-year-9999", "expiry", 253_402_300_799);
        Statement("expiry-past-year-9999", "expiry", 253_402_300_800);
        Statement("expiry-before-1970", "expiry", ulong.MaxValue);
        Statement("memory-zero", "memory", 0);
        Statement("memory-largest", "memory", (1UL << 63) - 65536);
        Statement("memory-past-signed", "memory", 1UL << 63);
        Statement("fuel-largest", "fuel", long.MaxValue);
        Statement("fuel-past-signed", "fuel", 1UL << 63);
        Statement("wall-clock-largest", "wall-clock", 922_337_203_685_477);
        Statement("wall-clock-too-long", "wall-clock", 922_337_203_685_478);
        Statement("timeout-zero", "distribution-timeout", 0);
        Statement("max-output-largest", "max-output", int.MaxValue);
        Statement("max-output-past-signed", "max-output", 1UL << 31);
        Statement("replication-zero", "replication", 0);
        Case("attempt-zero", receipt => receipt.Attempt = 0);
        Case("attempt-past-signed", receipt => receipt.Attempt = 1U << 31);
        Case("fuel-used-past-signed", receipt => receipt.Fuel = 1UL << 63);
        Case("ok-with-a-code", receipt => receipt.Code = 5);
        Case("trap-with-a-fingerprint", receipt =>
        {
            receipt.Status = (byte)ExecutionStatus.Trap;
            receipt.FingerprintFlag = 1;
            receipt.Fingerprint = new byte[32];
        });
        Case("unknown-status", receipt => receipt.Status = 3);
        Case("fingerprint-flag-2", receipt => receipt.FingerprintFlag = 2);
        Case("empty-profile", receipt => receipt.Profile = []);
        Case("certificates-until-year-9999", receipt => EachCertificate(receipt, body => Set(body, RawReceipt.CertificateField(body, "not-after"), 253_402_300_799)));
        Case("certificates-and-expiry-in-year-9999", receipt =>
        {
            SetStatement(receipt, "expiry", 253_402_300_799);
            EachCertificate(receipt, body => Set(body, RawReceipt.CertificateField(body, "not-after"), 253_402_300_799));
        });
        Case("certificates-from-before-1970", receipt => EachCertificate(receipt, body => Set(body, RawReceipt.CertificateField(body, "not-before"), ulong.MaxValue)));
        Case("certificates-ending-before-they-begin", receipt => EachCertificate(receipt, body => Set(body, RawReceipt.CertificateField(body, "not-after"), 1_699_999_999)));
        foreach (var (name, text) in new[]
        {
            ("bom", "\uFEFFsilo-0"), ("blank", "   "), ("no-break-spaces", "\u00A0\u3000"), ("spaces-inside", " silo 0 "),
            ("control", "silo\u0085"), ("empty", ""),
        })
        {
            Case($"operator-{name}", receipt => EachCertificate(receipt, body => RawReceipt.ReplaceText(body, RawReceipt.CertificateField(body, "operator-length"), text)));
        }
        Case("profile-bom", receipt =>
        {
            receipt.Profile = Encoding.UTF8.GetBytes("\uFEFF" + Profile);
            EachCertificate(receipt, body => RawReceipt.ReplaceText(body, RawReceipt.CertificateField(body, "profile-length"), "\uFEFF" + Profile));
        });

        var (disagreements, offline) = ReceiptAgreement.Compare(cases, _authority.PublicKey, Output);

        Assert.Empty(disagreements);
        // A bound is a bound: the values at it are taken, the ones past it refused (by both, as just shown).
        Assert.True(offline["certificates-and-expiry-in-year-9999"].Valid, offline["certificates-and-expiry-in-year-9999"].Line);
        Assert.True(offline["wall-clock-largest"].Valid, offline["wall-clock-largest"].Line);
        Assert.True(offline["operator-bom"].Valid, offline["operator-bom"].Line);
        Assert.False(offline["operator-blank"].Valid, offline["operator-blank"].Line);
        Assert.False(offline["ok-with-a-code"].Valid, offline["ok-with-a-code"].Line);
        Assert.False(offline["expiry-before-1970"].Valid, offline["expiry-before-1970"].Line);
    }

    /// <summary>
    /// Given the same revocation files, both discount the same votes: a voter revoked by the statement's expiry takes the
    /// receipt below its threshold; one revoked after it, a member that did not vote, or a revocation by another authority
    /// changes nothing.
    /// </summary>
    [Fact]
    public void It_agrees_on_which_votes_revocations_discount()
    {
        var (receipt, _) = Genuine("public");
        using var stranger = SecretKey.Generate();
        var scenarios = new Dictionary<string, ValidatorRevocation[]>(StringComparer.Ordinal)
        {
            ["none"] = [],
            ["a-voter-by-the-expiry"] = [ValidatorRevocation.Issue(_authority, _members[0].PublicKey, Expiry, "key found stolen")],
            ["a-voter-after-the-expiry"] = [ValidatorRevocation.Issue(_authority, _members[0].PublicKey, Expiry.AddSeconds(1), "retired")],
            ["the-member-that-did-not-vote"] = [ValidatorRevocation.Issue(_authority, _members[3].PublicKey, From, "key found stolen")],
            ["a-voter-by-another-authority"] = [ValidatorRevocation.Issue(stranger, _members[0].PublicKey, From, "forged")],
        };
        var directory = Directory.CreateTempSubdirectory("paraloom-revocations-");
        try
        {
            foreach (var (scenario, revocations) in scenarios)
            {
                var options = new List<string> { "--network-key", _authority.PublicKey.ToHex() };
                foreach (var (revocation, index) in revocations.Select((revocation, index) => (revocation, index)))
                {
                    var file = Path.Combine(directory.FullName, $"{scenario}-{index}{ValidatorRevocationFile.Extension}");
                    ValidatorRevocationFile.WriteNew(file, revocation);
                    options.AddRange(["--revoked", file]);
                }
                var ours = JobReceipt.FromBytes(receipt).ProblemUnder(_authority.PublicKey, revocations: revocations);

                var node = IndependentVerifier.Check("receipt", new Dictionary<string, byte[]> { ["receipt"] = receipt }, [.. options])["receipt"];

                Assert.Equal(scenario == "a-voter-by-the-expiry", ours is not null);
                Assert.True(node.Valid == (ours is null), $"{scenario}: ours {ours ?? "valid"}, Node's {node.Line}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private (byte[] Receipt, byte[] Output) Genuine(string shape)
    {
        var statement = JobStatement.ForPublic(
            JobId.Parse($"agreement-{shape}"), [0, 97, 115, 109, 1, 0, 0, 0], [1, 2], _requester.PublicKey, ResourceLimits.Default, 4, Expiry)
            .Sign(_requester);
        var (status, code, output, fingerprint, note) = shape switch
        {
            "public" => (ExecutionStatus.Ok, 0u, Output, (ResultDigest?)null, (NoteCommitment?)null),
            "private" => (ExecutionStatus.Ok, 0u, Output, ResultDigest.FromBytes(Enumerable.Repeat((byte)0x11, 32).ToArray()), AnyNote()),
            _ => (ExecutionStatus.Trap, (uint)TrapCode.Unreachable, Array.Empty<byte>(), null, null),
        };
        string[] cohort = [.. _members.Select(member => ValidatorIdentity.FromPublicKey(member.PublicKey))];
        var digest = ResultDigestEncoding.Compute(status, code, output, fingerprint);
        var claim = new VoteClaim(statement.Statement.Hash(), 2, VoteClaim.HashCohort(cohort), digest, 1_234, Profile, note).Hash();
        ReceiptVote[] votes = [.. _members.Take(3).Select((member, i) => new ReceiptVote(
            ValidatorCertificate.Issue(_authority, member.PublicKey, $"silo-{i}", Profile, From, Expiry), member.Sign(claim)))];
        var receipt = new JobReceipt(statement, 2, Profile, cohort, status, code, digest, fingerprint, 1_234, votes, note);
        return (receipt.ToBytes(), output);
    }

    private static NoteCommitment AnyNote()
    {
        using var value = CommitmentValue.OfAmount(42);
        using var blinding = Blinding.Random();
        return new NoteCommitment(NoteKind.Amount, PedersenCommitment.Commit(value, blinding));
    }

    private static void SetStatement(RawReceipt receipt, string field, ulong value)
    {
        var statement = receipt.Statement;
        receipt.Statement = Set(statement, RawReceipt.StatementField(statement, field), value);
    }

    private static void EachCertificate(RawReceipt receipt, Func<byte[], byte[]> change)
    {
        for (var i = 0; i < receipt.Votes.Count; i++)
        {
            receipt.Votes[i] = receipt.Votes[i] with { CertificateBody = change([.. receipt.Votes[i].CertificateBody]) };
        }
    }

    /// <summary>The bytes with the big-endian integer field at <paramref name="field"/> set to <paramref name="value"/>.</summary>
    private static byte[] Set(byte[] bytes, (int Start, int Length) field, ulong value)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = field.Length - 1; i >= 0; i--, value >>= 8)
        {
            copy[field.Start + i] = (byte)value;
        }
        return copy;
    }
}
