using Paraloom.Privacy;

namespace Paraloom.Compute.Tests.Interop;

/// <summary>
/// The Node verifier (tools/receipt-verifier, written from docs/receipt-format.md alone) agrees with this code on every
/// statement and certificate it is shown: genuine ones, each field changed (the signature left as it was), and each field
/// changed and signed again, so that the two decoders' rules on values are compared too, not only the signatures.
/// </summary>
public sealed class IndependentVerifierTests : IDisposable
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly DateTimeOffset Until = From.AddDays(90);
    private static readonly byte[] Module = [0, 97, 115, 109, 1, 0, 0, 0];

    private readonly SecretKey _requester = SecretKey.Generate();
    private readonly SecretKey _authority = SecretKey.Generate();
    private readonly SecretKey _validator = SecretKey.Generate();

    public void Dispose()
    {
        _requester.Dispose();
        _authority.Dispose();
        _validator.Dispose();
    }

    [Fact]
    public void It_agrees_on_genuine_and_tampered_statements()
    {
        var publicJob = JobStatement.ForPublic(JobId.Parse("public-job_1"), Module, [1, 2], _requester.PublicKey, ResourceLimits.Default, 3, From);
        var commitment = PedersenCommitment.Commit(CommitmentValue.OfData([1, 2]), Blinding.Random());
        var privateJob = JobStatement.ForPrivate(
            JobId.Parse("private-job"), Module, commitment, JobNonce.FromBytes(new byte[JobNonce.Size]), _requester.PublicKey,
            ResourceLimits.Default with { MemoryBytes = 65536 }, 5, From);
        var cases = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, statement) in new[] { ("public", publicJob), ("private", privateJob) })
        {
            var encoding = statement.ToBytes();
            cases[$"{name}-genuine"] = [.. encoding, .. statement.Sign(_requester).Signature.ToBytes()];
            cases[$"{name}-trailing-byte"] = [.. encoding, 0, .. statement.Sign(_requester).Signature.ToBytes()];
            foreach (var (field, end) in StatementFields(statement))
            {
                var tampered = Flipped(encoding, end);
                cases[$"{name}-changed-{field}"] = [.. tampered, .. statement.Sign(_requester).Signature.ToBytes()];
                if (TryDecode(() => JobStatement.FromBytes(tampered)) is { } decoded)
                {
                    cases[$"{name}-re-signed-{field}"] = [.. tampered, .. _requester.Sign(decoded.Hash()).ToBytes()];
                }
            }
            cases[$"{name}-changed-signature"] = Flipped(cases[$"{name}-genuine"], cases[$"{name}-genuine"].Length);
        }

        var verdicts = IndependentVerifier.Check("statement", cases);

        Assert.True(verdicts["public-genuine"].Valid, verdicts["public-genuine"].Line);
        Assert.True(verdicts["private-genuine"].Valid, verdicts["private-genuine"].Line);
        // A changed value its requester signs again is a statement like any other: both decoders must take it.
        Assert.True(verdicts["public-re-signed-fuel"].Valid, verdicts["public-re-signed-fuel"].Line);
        AssertAgreement(cases, verdicts, StatementIsValid);
    }

    [Fact]
    public void It_agrees_on_genuine_and_tampered_certificates_under_either_key_at_each_edge_of_their_validity()
    {
        var certificate = ValidatorCertificate.Issue(_authority, _validator.PublicKey, "silo-a", "wasmtime-50/x64/abc", From, Until);
        var encoding = certificate.ToBytes();
        var cases = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["genuine"] = encoding, ["trailing-byte"] = [.. encoding, 0] };
        foreach (var (field, end) in CertificateFields(certificate))
        {
            var tampered = Flipped(encoding, end);
            cases[$"changed-{field}"] = tampered;
            if (field != "signature" && TryDecode(() => ValidatorCertificate.FromBytes(tampered)) is { } decoded)
            {
                cases[$"re-signed-{field}"] = [.. tampered[..^SchnorrSignature.Size], .. _authority.Sign(decoded.Hash()).ToBytes()];
            }
        }

        foreach (var authority in new[] { _authority.PublicKey, _validator.PublicKey })
        {
            foreach (var at in new[] { From.AddSeconds(-1), From, Until, Until.AddSeconds(1) })
            {
                var verdicts = IndependentVerifier.Check("certificate", cases,
                    "--network-key", authority.ToHex(), "--at", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

                Assert.Equal(authority.Equals(_authority.PublicKey) && at >= From && at <= Until, verdicts["genuine"].Valid);
                AssertAgreement(cases, verdicts, bytes => CertificateIsValid(bytes, authority, at));
            }
        }
    }
    private static void AssertAgreement(
        Dictionary<string, byte[]> cases, IReadOnlyDictionary<string, (bool Valid, string Line)> verdicts, Func<byte[], bool> ours)
    {
        var disagreements = cases
            .Where(entry => verdicts[entry.Key].Valid != ours(entry.Value))
            .Select(entry => $"{entry.Key}: ours {(ours(entry.Value) ? "valid" : "invalid")}, Node's {verdicts[entry.Key].Line}");
        Assert.Empty(disagreements);
    }

    private static bool StatementIsValid(byte[] bytes) =>
        bytes.Length > SchnorrSignature.Size
        && TryDecode(() => SignedJobStatement.FromBytes(bytes.AsSpan(..^SchnorrSignature.Size), bytes.AsSpan(^SchnorrSignature.Size))) is { IsSignedByRequester: true };

    private static bool CertificateIsValid(byte[] bytes, PublicKey authority, DateTimeOffset at) =>
        TryDecode(() => ValidatorCertificate.FromBytes(bytes)) is { } certificate && certificate.ProblemUnder(authority, at) is null;

    private static T? TryDecode<T>(Func<T> decode)
        where T : class
    {
        try
        {
            return decode();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The bytes with the last byte before <paramref name="end"/> changed.</summary>
    private static byte[] Flipped(byte[] bytes, int end)
    {
        var copy = (byte[])bytes.Clone();
        copy[end - 1] ^= 0x01;
        return copy;
    }

    /// <summary>Each field of the statement's layout in docs/receipt-format.md, with the offset where it ends.</summary>
    private static IEnumerable<(string Field, int End)> StatementFields(JobStatement statement) => Ends(
        ("version", 1), ("kind", 1), ("job-id-length", 2), ("job-id", statement.JobId.Value.Length), ("module-hash", 32),
        ("input-binding", statement.IsPrivate ? 33 : 32), ("nonce", 32), ("requester", 32), ("memory", 8), ("fuel", 8),
        ("wall-clock", 8), ("distribution-timeout", 8), ("max-output", 4), ("replication", 2), ("expiry", 8));

    /// <summary>Each field of the certificate's layout in docs/receipt-format.md, with the offset where it ends.</summary>
    private static IEnumerable<(string Field, int End)> CertificateFields(ValidatorCertificate certificate) => Ends(
        ("version", 1), ("authority", 32), ("validator-key", 32), ("operator-length", 2), ("operator", certificate.Operator.Length),
        ("profile-length", 2), ("profile", certificate.Profile.Length), ("not-before", 8), ("not-after", 8), ("signature", 64));

    private static IEnumerable<(string Field, int End)> Ends(params (string Field, int Length)[] fields)
    {
        var end = 0;
        foreach (var (field, length) in fields)
        {
            end += length;
            yield return (field, end);
        }
    }
}
