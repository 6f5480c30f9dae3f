using System.Text.Json;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// Bytes written by the library's own curve arithmetic before it moved to libsecp256k1 (Vectors/legacy-vectors.json,
/// generated once from fixed keys, blindings and aux randomness): every one must still parse, verify, open or be
/// reproduced byte for byte, so nothing stored before the change is stranded by it.
/// </summary>
public class LegacyVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "legacy-vectors.json"))).RootElement;

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static byte[] Bytes(JsonElement element, string name) => Convert.FromHexString(Text(element, name));

    [Fact]
    public void Keys_derive_the_same_public_keys()
    {
        using SecretKey requester = SecretKey.ImportHex(Text(Vectors, "requesterSecret"));
        using SecretKey validator = SecretKey.ImportHex(Text(Vectors, "validatorSecret"));
        Assert.Equal(Text(Vectors, "requesterPublic"), requester.PublicKey.ToHex());
        Assert.Equal(Text(Vectors, "validatorPublic"), validator.PublicKey.ToHex());
    }

    [Fact]
    public void Signatures_are_reproduced_byte_for_byte_and_verify()
    {
        Assert.Equal(4, Vectors.GetProperty("signatures").GetArrayLength());
        foreach (JsonElement vector in Vectors.GetProperty("signatures").EnumerateArray())
        {
            using SecretKey signer = SecretKey.ImportHex(Text(vector, "secret"));
            byte[] message = Bytes(vector, "message");
            SchnorrSignature stored = SchnorrSignature.FromHex(Text(vector, "signature"));
            Assert.Equal(stored.ToHex(), SchnorrSignature.Sign(signer, message, Bytes(vector, "aux")).ToHex());
            Assert.True(PublicKey.FromHex(Text(vector, "public")).Verify(message, stored));
            message = [.. message, 0];
            Assert.False(PublicKey.FromHex(Text(vector, "public")).Verify(message, stored));
        }
    }

    [Fact]
    public void Commitments_are_reproduced_and_open()
    {
        Assert.Equal(8, Vectors.GetProperty("commitments").GetArrayLength());
        foreach (JsonElement vector in Vectors.GetProperty("commitments").EnumerateArray())
        {
            CommitmentValue value = vector.TryGetProperty("amount", out JsonElement amount)
                ? CommitmentValue.OfAmount(ulong.Parse(amount.GetString()!))
                : CommitmentValue.OfData(Bytes(vector, "data"));
            Blinding blinding = Blinding.FromBytes(Bytes(vector, "blinding"));
            PedersenCommitment stored = PedersenCommitment.FromHex(Text(vector, "commitment"));
            Assert.Equal(stored.ToHex(), PedersenCommitment.Commit(value, blinding).ToHex());
            Assert.True(stored.Opens(value, blinding));
        }
    }

    [Fact]
    public void Blinding_and_commitment_arithmetic_is_unchanged()
    {
        JsonElement arithmetic = Vectors.GetProperty("arithmetic");
        JsonElement[] commitments = [.. Vectors.GetProperty("commitments").EnumerateArray()];
        Blinding a = Blinding.FromBytes(Bytes(commitments[1], "blinding"));
        Blinding b = Blinding.FromBytes(Bytes(commitments[2], "blinding"));
        PedersenCommitment ca = PedersenCommitment.FromHex(Text(commitments[1], "commitment"));
        PedersenCommitment cb = PedersenCommitment.FromHex(Text(commitments[2], "commitment"));
        Assert.Equal(Text(arithmetic, "blindingSum"), Convert.ToHexStringLower((a + b).ExportBytes()));
        Assert.Equal(Text(arithmetic, "blindingDifference"), Convert.ToHexStringLower((a - b).ExportBytes()));
        Assert.Equal(Text(arithmetic, "commitmentSum"), (ca + cb).ToHex());
        Assert.Equal(Text(arithmetic, "commitmentDifference"), (cb - ca).ToHex());
    }

    [Fact]
    public void Job_proofs_verify_and_sealed_payloads_open()
    {
        using SecretKey requester = SecretKey.ImportHex(Text(Vectors, "requesterSecret"));
        using SecretKey validator = SecretKey.ImportHex(Text(Vectors, "validatorSecret"));
        Assert.Equal(2, Vectors.GetProperty("jobs").GetArrayLength());
        foreach (JsonElement vector in Vectors.GetProperty("jobs").EnumerateArray())
        {
            byte[] input = Bytes(vector, "input");
            CommitmentValue value = Text(vector, "valueKind") == "data"
                ? CommitmentValue.OfData(input)
                : CommitmentValue.OfAmount(ulong.Parse(Text(vector, "amount")));
            PedersenCommitment commitment = PedersenCommitment.FromHex(Text(vector, "commitment"));
            Assert.True(commitment.Opens(value, Blinding.FromBytes(Bytes(vector, "blinding"))));
            var job = new JobBinding(Text(vector, "jobId"), Bytes(vector, "moduleHash"), commitment, requester.PublicKey);

            OwnershipProof proof = OwnershipProof.FromBytes(Bytes(vector, "ownershipProof"));
            Assert.True(proof.Verify(new OwnershipContext(job, Text(vector, "purpose"))));
            Assert.False(proof.Verify(new OwnershipContext(job, "other purpose")));

            using JobKey key = JobKey.Derive(requester, JobNonce.FromBytes(Bytes(vector, "jobNonce")));
            Assert.Equal(input, SealedInput.FromBytes(Bytes(vector, "sealedInput")).Open(key, job));
            int attempt = vector.GetProperty("attempt").GetInt32();
            byte[] output = Bytes(vector, "output");
            Assert.Equal(Text(vector, "sealedOutput"), Convert.ToHexStringLower(OutputSealer.Seal(key, job, attempt, output).ToBytes()));

            using JobKey unwrapped = KeyWrap.Unwrap(WrappedJobKey.FromBytes(Bytes(vector, "wrappedKey")), validator, job);
            Assert.Equal(input, SealedInput.FromBytes(Bytes(vector, "sealedInput")).Open(unwrapped, job));
            Assert.Equal(output, OutputSealer.Open(unwrapped, job, attempt, SealedOutput.FromBytes(Bytes(vector, "sealedOutput"))));
        }
    }
}
