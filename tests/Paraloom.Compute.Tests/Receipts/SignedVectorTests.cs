using System.Text.RegularExpressions;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Receipts;

/// <summary>
/// The vectors of docs/receipt-format.md are exact, signatures included (BIP-340 with 32 zero bytes of auxiliary
/// randomness): this code reproduces every documented signature and the whole receipt from the stated inputs, byte for
/// byte, as the Node verifier's tests do.
/// </summary>
public sealed partial class SignedVectorTests
{
    private static readonly byte[] Module = [0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0];
    private static readonly byte[] NoAux = new byte[32];
    private static readonly string Document = File.ReadAllText(Repository.PathOf("docs", "receipt-format.md"));

    [Fact]
    public void Every_documented_signature_is_reproduced()
    {
        using var authority = Key(3);
        using var member = Key(7);
        var statement = Statement("vector-1", authority.PublicKey, 3);
        var certificate = ValidatorCertificate.Issue(
            authority, member.PublicKey, "silo-a", "profile-1", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            DateTimeOffset.FromUnixTimeSeconds(1_807_776_000));

        string[] ours =
        [
            Sign(authority, statement.Hash()),
            Sign(authority, certificate.Hash()),
            Sign(authority, ValidatorRevocation.Issue(authority, member.PublicKey, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "key compromised").Hash()),
            Sign(member, Convert.FromHexString("dc518c3da70c9b0457548867e8cbc1bed0831b148d3b0b9e72dd94c1c5460ae8")),
            Sign(member, Convert.FromHexString("844b024e59bd7300838c2aa21b097773be1b3f171ca258d71973841f854a3dca")),
            Sign(member, Convert.FromHexString("8d32bfd9adeb1f486704475496de6bd6c91f298a865cbd0c093c9d57409621ee")),
        ];

        Assert.Equal([.. SignatureLine().Matches(Document).Select(match => match.Groups[1].Value)], ours);
    }

    [Fact]
    public void The_whole_receipt_is_reproduced_and_verifies()
    {
        using var authority = Key(3);
        using var requester = Key(5);
        SecretKey[] members = [Key(7), Key(9), Key(11), Key(13)];
        try
        {
            var statement = Statement("receipt-1", requester.PublicKey, 4);
            var signed = new SignedJobStatement(statement, SchnorrSignature.Sign(requester, statement.Hash(), NoAux));
            string[] cohort = [.. members.Select(key => ValidatorIdentity.FromPublicKey(key.PublicKey))];
            var output = "result"u8.ToArray();
            var digest = ResultDigestEncoding.Compute(ExecutionStatus.Ok, 0, output);
            var claim = new JobReceipt(signed, 1, "profile-1", cohort, ExecutionStatus.Ok, 0, digest, null, 1_234, []).Claim.Hash();
            ReceiptVote[] votes = [.. members.Take(3).Select((key, i) => new ReceiptVote(
                Certificate(authority, key.PublicKey, $"silo-{i}"), SchnorrSignature.Sign(key, claim, NoAux)))];

            var receipt = new JobReceipt(signed, 1, "profile-1", cohort, ExecutionStatus.Ok, 0, digest, null, 1_234, votes);

            Assert.Equal(ReceiptLine().Match(Document).Groups[1].Value, Convert.ToHexStringLower(receipt.ToBytes()));
            receipt.Verify(authority.PublicKey, statement, output);
        }
        finally
        {
            foreach (var key in members)
            {
                key.Dispose();
            }
        }
    }

    private static JobStatement Statement(string jobId, PublicKey requester, int replication) => JobStatement.ForPublic(
        JobId.Parse(jobId), Module, [0x01, 0x02], requester, ResourceLimits.Default, replication,
        DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), JobNonce.FromBytes(new byte[JobNonce.Size]));

    /// <summary>A certificate valid from 1 700 000 000 to 1 800 000 000, its authority's signature made without randomness.</summary>
    private static ValidatorCertificate Certificate(SecretKey authority, PublicKey validator, string @operator)
    {
        var issued = ValidatorCertificate.Issue(
            authority, validator, @operator, "profile-1", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        return ValidatorCertificate.FromBytes([.. issued.ToBytes()[..^SchnorrSignature.Size], .. SchnorrSignature.Sign(authority, issued.Hash(), NoAux).ToBytes()]);
    }

    private static string Sign(SecretKey key, byte[] hash) => SchnorrSignature.Sign(key, hash, NoAux).ToHex();

    private static SecretKey Key(byte last)
    {
        var bytes = new byte[32];
        bytes[^1] = last;
        return SecretKey.FromBytes(bytes);
    }

    [GeneratedRegex("^sig +([0-9a-f]{128})$", RegexOptions.Multiline)]
    private static partial Regex SignatureLine();

    [GeneratedRegex("^receipt ([0-9a-f]+)$", RegexOptions.Multiline)]
    private static partial Regex ReceiptLine();
}
