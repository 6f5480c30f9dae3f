using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Paraloom.Privacy.Protocol;
using Paraloom.Privacy.Tests.Vectors;
using BigInteger = Org.BouncyCastle.Math.BigInteger;
using Bc = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// Vectors/privacy-vectors-v1.json in both directions (docs/cryptography.md §14): the library reproduces every
/// deterministic vector byte for byte and opens or verifies every randomised one; BouncyCastle and .NET's primitives,
/// following the document and never the library, recompute the same bytes.
/// </summary>
public class PrivacyVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", PrivacyVectorGenerator.FileName))).RootElement;

    private static JsonElement[] Section(string name) => [.. Vectors.GetProperty(name).EnumerateArray()];

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static byte[] Bytes(JsonElement element, string name) => Convert.FromHexString(Text(element, name));

    private static BigInteger Big(JsonElement element, string name) => Bc.ToBig(Bytes(element, name));

    private static BigInteger Amount(JsonElement element) => new(Text(element, "amount"));

    [Fact]
    public void The_file_is_version_1_and_covers_every_section()
    {
        Assert.Equal(1, Vectors.GetProperty("version").GetInt32());
        Assert.Equal(3, Section("keys").Length);
        Assert.Contains(Section("keys"), key => !key.GetProperty("hasEvenY").GetBoolean());
        Assert.Equal(3, Section("signatures").Length);
        Assert.Equal(7, Section("commitments").Length);
        Assert.Equal(3, Section("commitmentSums").Length);
        Assert.Equal(2, Section("jobs").Length);
        Assert.Equal(5, Section("resultDigests").Length);
        Assert.Equal(2, Section("votes").Length);
    }

    [Fact]
    public void Vote_signatures_are_reproduced_and_verify()
    {
        foreach (JsonElement vector in Section("votes"))
        {
            using SecretKey validator = SecretKey.FromBytes(
                Convert.FromHexString(Section("keys").Single(key => Text(key, "public") == Text(vector, "validator")).GetProperty("secret").GetString()!));
            byte[] message = Bytes(vector, "message");
            Assert.Equal(Text(vector, "signature"), SchnorrSignature.Sign(validator, message, Bytes(vector, "aux")).ToHex());
            Assert.True(Bc.Verify(Bytes(vector, "validator"), message, Bytes(vector, "signature")));
        }
    }

    [Fact]
    public void Keys_and_signatures_are_reproduced_by_the_library_and_by_BouncyCastle()
    {
        foreach (JsonElement vector in Section("keys"))
        {
            using SecretKey key = SecretKey.ImportHex(Text(vector, "secret"));
            Assert.Equal(Text(vector, "public"), key.PublicKey.ToHex());
            Assert.Equal(vector.GetProperty("hasEvenY").GetBoolean(), key.HasEvenY);
            Assert.Equal(Bytes(vector, "public"), Bc.PublicKey(Big(vector, "secret")));
        }
        foreach (JsonElement vector in Section("signatures"))
        {
            using SecretKey key = SecretKey.ImportHex(Text(vector, "secret"));
            byte[] message = Bytes(vector, "message"), aux = Bytes(vector, "aux"), signature = Bytes(vector, "signature");
            Assert.Equal(Text(vector, "signature"), SchnorrSignature.Sign(key, message, aux).ToHex());
            Assert.True(PublicKey.FromHex(Text(vector, "public")).Verify(message, SchnorrSignature.FromBytes(signature)));
            Assert.Equal(signature, Bc.Sign(Big(vector, "secret"), message, aux));
            Assert.True(Bc.Verify(Bytes(vector, "public"), message, signature));
        }
    }

    [Fact]
    public void H_commitments_and_their_sums_are_reproduced_by_the_library_and_by_BouncyCastle()
    {
        Assert.Equal(Bc.Compressed(Bc.H), Convert.FromHexString(Text(Vectors, "pedersenH")));
        foreach (JsonElement vector in Section("commitments"))
        {
            bool isAmount = vector.TryGetProperty("amount", out _);
            CommitmentValue value = isAmount ? CommitmentValue.OfAmount(ulong.Parse(Text(vector, "amount"))) : CommitmentValue.OfData(Bytes(vector, "data"));
            Blinding blinding = Blinding.FromBytes(Bytes(vector, "blinding"));
            Assert.Equal(Text(vector, "commitment"), PedersenCommitment.Commit(value, blinding).ToHex());
            Assert.True(PedersenCommitment.FromHex(Text(vector, "commitment")).Opens(value, blinding));

            BigInteger v = isAmount ? Amount(vector) : Bc.ToBig(Bc.TaggedHash("Paraloom/commitment-value/v1", Bytes(vector, "data"))).Mod(Bc.N);
            if (!isAmount) Assert.Equal(Bc.Bytes32(v), Bytes(vector, "value"));
            Assert.Equal(Bytes(vector, "commitment"), Bc.Commit(v, Big(vector, "blinding")));
        }
        foreach (JsonElement vector in Section("commitmentSums"))
        {
            JsonElement a = vector.GetProperty("a"), b = vector.GetProperty("b");
            PedersenCommitment ca = PedersenCommitment.FromHex(Text(a, "commitment")), cb = PedersenCommitment.FromHex(Text(b, "commitment"));
            Assert.Equal(Text(vector, "sum"), (ca + cb).ToHex());
            Assert.Equal(Text(vector, "difference"), (ca - cb).ToHex());

            BigInteger sumBlinding = Big(a, "blinding").Add(Big(b, "blinding")).Mod(Bc.N);
            Assert.Equal(Amount(a).Add(Amount(b)), new BigInteger(Text(vector, "sumValue")));
            Assert.Equal(Bc.Bytes32(sumBlinding), Bytes(vector, "sumBlinding"));
            Assert.Equal(Bytes(vector, "sum"), Bc.Commit(new BigInteger(Text(vector, "sumValue")).Mod(Bc.N), sumBlinding));
            Assert.Equal(Bytes(vector, "difference"),
                Bc.Commit(Amount(a).Subtract(Amount(b)).Mod(Bc.N), Big(a, "blinding").Subtract(Big(b, "blinding")).Mod(Bc.N)));
        }
    }

    [Fact]
    public void Job_vectors_are_reproduced_opened_and_verified_by_the_library()
    {
        foreach (JsonElement vector in Section("jobs"))
        {
            using SecretKey requester = SecretKey.FromBytes(RequesterSecret(vector));
            string jobId = Text(vector, "jobId");
            byte[] input = Bytes(vector, "input"), output = Bytes(vector, "output");
            int attempt = vector.GetProperty("attempt").GetInt32();
            Blinding blinding = Blinding.FromBytes(Bytes(vector, "blinding"));
            PedersenCommitment commitment = PedersenCommitment.Commit(CommitmentValue.OfData(input), blinding);
            Assert.Equal(Text(vector, "commitment"), commitment.ToHex());
            var context = new PrivateJobContext(jobId, Bytes(vector, "moduleHash"), commitment, requester.PublicKey, JobNonce.FromHex(Text(vector, "jobNonce")));
            Assert.Equal(Bytes(vector, "binding"), context.Binding.Encoded.ToArray());
            Assert.Equal(Bytes(vector, "ownershipContext"), context.OwnershipContext.Encoded.ToArray());
            Assert.Equal(PrivateJobContext.OwnershipPurpose, Text(vector, "purpose"));
            Assert.True(OwnershipProof.FromBytes(Bytes(vector, "ownershipProof")).Verify(context.OwnershipContext));

            using JobKey jobKey = context.DeriveKey(requester);
            Assert.Equal(Bytes(vector, "jobKey"), jobKey.Key.ToArray());
            Assert.Equal(input, CommittedInput.Open(SealedInput.FromBytes(Bytes(vector, "sealedInput")), jobKey, context.Binding));
            foreach (JsonElement member in vector.GetProperty("wrappedKeys").EnumerateArray())
            {
                using SecretKey validator = SecretKey.ImportHex(Text(member, "validatorSecret"));
                using JobKey unwrapped = KeyWrap.Unwrap(WrappedJobKey.FromBytes(Bytes(member, "wrappedKey")), validator, context.Binding);
                Assert.Equal(jobKey.Key.ToArray(), unwrapped.Key.ToArray());
            }
            Assert.Equal(Text(vector, "sealedOutput"), Convert.ToHexStringLower(OutputSealer.Seal(jobKey, context.Binding, attempt, output).ToBytes()));
            Assert.Equal(output, OutputSealer.Open(jobKey, context.Binding, attempt, SealedOutput.FromBytes(Bytes(vector, "sealedOutput"))));
            Assert.Equal(Bytes(vector, "outputFingerprint"), OutputFingerprint.Compute(jobKey, context.Binding, output));

            using SecretKey handOutKey = KeyHandOut.DeriveSigningKey(requester, context.Nonce);
            Assert.Equal(Text(vector, "handOutSecret"), handOutKey.ExportHex());
            Assert.Equal(Text(vector, "handOutPublic"), handOutKey.PublicKey.ToHex());
            Assert.Equal(Bytes(vector, "delegationMessage"), KeyHandOut.DelegationMessage(jobId, handOutKey.PublicKey));
            Assert.Equal(Text(vector, "delegationSignature"), SchnorrSignature.Sign(requester, Bytes(vector, "delegationMessage"), Bytes(vector, "delegationAux")).ToHex());
            Assert.True(KeyHandOut.VerifyDelegation(requester.PublicKey, jobId, handOutKey.PublicKey, SchnorrSignature.FromHex(Text(vector, "delegationSignature"))));

            var wrappedKeys = vector.GetProperty("wrappedKeys").EnumerateArray()
                .ToDictionary(member => Text(member, "validatorId"), member => WrappedJobKey.FromBytes(Bytes(member, "wrappedKey")), StringComparer.Ordinal);
            int handOutAttempt = vector.GetProperty("handOutAttempt").GetInt32();
            Assert.Equal(Bytes(vector, "handOutMessage"), KeyHandOut.Message(jobId, handOutAttempt, wrappedKeys));
            Assert.Equal(Text(vector, "handOutSignature"), SchnorrSignature.Sign(handOutKey, Bytes(vector, "handOutMessage"), Bytes(vector, "handOutAux")).ToHex());
            Assert.True(KeyHandOut.Verify(handOutKey.PublicKey, jobId, handOutAttempt, wrappedKeys, SchnorrSignature.FromHex(Text(vector, "handOutSignature"))));

            byte[] challenge = Bytes(vector, "resultChallenge");
            Assert.Equal(Bytes(vector, "resultAuthorisationMessage"), ResultAuthorization.Message(jobId, challenge));
            Assert.Equal(Text(vector, "resultAuthorisationSignature"),
                SchnorrSignature.Sign(requester, Bytes(vector, "resultAuthorisationMessage"), Bytes(vector, "resultAuthorisationAux")).ToHex());
            Assert.True(ResultAuthorization.Verify(requester.PublicKey, jobId, challenge, SchnorrSignature.FromHex(Text(vector, "resultAuthorisationSignature"))));
        }
    }

    [Fact]
    public void Job_vectors_are_recomputed_from_the_specification_alone()
    {
        foreach (JsonElement vector in Section("jobs"))
        {
            byte[] requesterSecret = RequesterSecret(vector), requesterPublic = Bytes(vector, "requester");
            byte[] jobId = Encoding.UTF8.GetBytes(Text(vector, "jobId"));
            byte[] commitment = Bytes(vector, "commitment"), blinding = Bytes(vector, "blinding"), input = Bytes(vector, "input");
            byte[] binding = [.. U16(jobId.Length), .. jobId, .. Bytes(vector, "moduleHash"), .. commitment, .. requesterPublic];
            Assert.Equal(Bytes(vector, "binding"), binding);
            byte[] purpose = Encoding.UTF8.GetBytes(Text(vector, "purpose"));
            byte[] context = [.. binding, .. U16(purpose.Length), .. purpose];
            Assert.Equal(Bytes(vector, "ownershipContext"), context);
            BigInteger v = Bc.ToBig(Bc.TaggedHash("Paraloom/commitment-value/v1", input)).Mod(Bc.N);
            Assert.Equal(commitment, Bc.Commit(v, Bc.ToBig(blinding)));
            Assert.True(ProofHolds(Bytes(vector, "ownershipProof"), context, requesterPublic, commitment));

            byte[] nonce = Bytes(vector, "jobNonce");
            byte[] jobKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, requesterSecret, 32, nonce, Ascii("paraloom/job-key/v1"));
            Assert.Equal(Bytes(vector, "jobKey"), jobKey);
            byte[] handOutSecret = HKDF.DeriveKey(HashAlgorithmName.SHA256, requesterSecret, 32, nonce, Ascii("paraloom/hand-out-key/v1"));
            Assert.Equal(Bytes(vector, "handOutSecret"), handOutSecret);
            Assert.Equal(Bytes(vector, "handOutPublic"), Bc.PublicKey(Bc.ToBig(handOutSecret)));

            byte[] sealedInput = Bytes(vector, "sealedInput");
            Assert.Equal([1, .. blinding, .. input], OpenEnvelope(jobKey, sealedInput, [.. Ascii("paraloom/sealed-input/v1"), .. binding]));
            Assert.Equal(sealedInput, SealEnvelope(jobKey, sealedInput[1..13], [1, .. blinding, .. input], [.. Ascii("paraloom/sealed-input/v1"), .. binding]));

            var handOutEntries = new List<byte>();
            foreach (JsonElement member in vector.GetProperty("wrappedKeys").EnumerateArray().OrderBy(m => Text(m, "validatorId"), StringComparer.Ordinal))
            {
                byte[] wrapped = Bytes(member, "wrappedKey"), validatorSecret = Bytes(member, "validatorSecret");
                byte[] validatorPublic = Bc.PublicKey(Bc.ToBig(validatorSecret));
                Assert.Equal(93, wrapped.Length);
                byte[] shared = Bc.SharedX(Bc.ToBig(validatorSecret), Bc.LiftX(wrapped[..32])!);
                byte[] derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 44, [.. wrapped[..32], .. validatorPublic], Ascii("paraloom/key-wrap/v1"));
                Assert.Equal(derived[32..], wrapped[33..45]);
                Assert.Equal(jobKey, OpenEnvelope(derived[..32], wrapped[32..], [.. Ascii("paraloom/key-wrap/v1"), .. binding]));
                Assert.Equal("v" + Convert.ToHexStringLower(validatorPublic)[..16], Text(member, "validatorId"));
                byte[] id = Encoding.UTF8.GetBytes(Text(member, "validatorId"));
                handOutEntries.AddRange([.. U16(id.Length), .. id, .. U16(wrapped.Length), .. wrapped]);
            }

            int attempt = vector.GetProperty("attempt").GetInt32();
            byte[] output = Bytes(vector, "output");
            byte[] outputInfo = [.. Ascii("paraloom/sealed-output/v1"), .. binding, .. I32(attempt)];
            byte[] outputKeys = HKDF.DeriveKey(HashAlgorithmName.SHA256, jobKey, 64, [], outputInfo);
            byte[] outputNonce = HMACSHA256.HashData(outputKeys[32..], output)[..12];
            Assert.Equal(Bytes(vector, "sealedOutput"), SealEnvelope(outputKeys[..32], outputNonce, output, outputInfo));
            byte[] macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, jobKey, 32, [], [.. Ascii("paraloom/output-fingerprint/v1"), .. binding]);
            Assert.Equal(Bytes(vector, "outputFingerprint"), HMACSHA256.HashData(macKey, output));

            byte[] handOutPublic = Bytes(vector, "handOutPublic");
            byte[] delegation = Bc.TaggedHash("paraloom/hand-out-key/v1", [.. U16(jobId.Length), .. jobId, .. handOutPublic]);
            Assert.Equal(Bytes(vector, "delegationMessage"), delegation);
            Assert.Equal(Bytes(vector, "delegationSignature"), Bc.Sign(Bc.ToBig(requesterSecret), delegation, Bytes(vector, "delegationAux")));
            int count = vector.GetProperty("wrappedKeys").GetArrayLength();
            byte[] handOut = Bc.TaggedHash("paraloom/key-hand-out/v1",
                [.. U16(jobId.Length), .. jobId, .. U32(vector.GetProperty("handOutAttempt").GetInt32()), .. U16(count), .. handOutEntries]);
            Assert.Equal(Bytes(vector, "handOutMessage"), handOut);
            Assert.Equal(Bytes(vector, "handOutSignature"), Bc.Sign(Bc.ToBig(handOutSecret), handOut, Bytes(vector, "handOutAux")));
            byte[] authorisation = Bc.TaggedHash("paraloom/result-authorisation/v1", [.. U16(jobId.Length), .. jobId, .. Bytes(vector, "resultChallenge")]);
            Assert.Equal(Bytes(vector, "resultAuthorisationMessage"), authorisation);
            Assert.True(Bc.Verify(requesterPublic, authorisation, Bytes(vector, "resultAuthorisationSignature")));
        }
    }

    /// <summary>§7's verifier on BouncyCastle: R1 = s1·G − e·P, R2 = s2·G + s3·H − e·C, then the challenge over them.</summary>
    private static bool ProofHolds(byte[] proof, byte[] context, byte[] requester, byte[] commitment)
    {
        if (proof.Length != 129 || proof[0] != 1) return false;
        BigInteger e = Bc.ToBig(proof.AsSpan(1, 32)), s1 = Bc.ToBig(proof.AsSpan(33, 32)), s2 = Bc.ToBig(proof.AsSpan(65, 32)), s3 = Bc.ToBig(proof.AsSpan(97, 32));
        var p = Bc.LiftX(requester)!;
        var c = Bc.Decode(commitment)!;
        var r1 = Bc.G.Multiply(s1).Subtract(p.Multiply(e));
        var r2 = Bc.G.Multiply(s2).Add(Bc.H.Multiply(s3)).Subtract(c.Multiply(e));
        if (r1.IsInfinity || r2.IsInfinity) return false;
        byte[] challenge = Bc.TaggedHash("Paraloom/ownership-challenge/v1", [.. context, .. Bc.Compressed(r1), .. Bc.Compressed(r2)]);
        return Bc.ToBig(challenge).Mod(Bc.N).Equals(e);
    }

    private static byte[] RequesterSecret(JsonElement job) =>
        Convert.FromHexString(Section("keys").Single(key => Text(key, "public") == Text(job, "requester")).GetProperty("secret").GetString()!);

    /// <summary>§9.1: 0x01 ‖ nonce ‖ tag ‖ ciphertext.</summary>
    private static byte[] SealEnvelope(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData)
    {
        byte[] ciphertext = new byte[plaintext.Length], tag = new byte[16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        return [1, .. nonce, .. tag, .. ciphertext];
    }

    private static byte[] OpenEnvelope(byte[] key, byte[] envelope, byte[] associatedData)
    {
        Assert.Equal(1, envelope[0]);
        byte[] plaintext = new byte[envelope.Length - 29];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(envelope.AsSpan(1, 12), envelope.AsSpan(29), envelope.AsSpan(13, 16), plaintext, associatedData);
        return plaintext;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)value));
        return bytes;
    }

    private static byte[] U32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)value));
        return bytes;
    }

    private static byte[] I32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
