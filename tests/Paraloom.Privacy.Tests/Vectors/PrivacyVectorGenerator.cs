using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Vectors;

/// <summary>
/// Writes privacy-vectors-v1.json once, from fixed keys, blindings, nonces and aux randomness (docs/cryptography.md
/// §14). Proofs, sealed inputs and wrapped keys draw fresh randomness inside the library, so those bytes are
/// generated once and then only verified or opened; everything else is reproduced by <see cref="PrivacyVectorTests"/>.
/// Result digests and votes are written from the document here and reproduced by the Compute and Grains tests.
/// </summary>
internal static class PrivacyVectorGenerator
{
    public const string FileName = "privacy-vectors-v1.json";

    public static void Write(string path)
    {
        if (File.Exists(path)) throw new IOException($"{path} exists: a vector file is written once; a new format is a new version.");
        File.WriteAllText(path, Generate().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static JsonObject Generate()
    {
        using SecretKey requester = KeyWithParity("requester", evenY: false);
        using SecretKey validator = KeyWithParity("validator", evenY: true);
        using SecretKey other = KeyWithParity("second validator", evenY: false);
        return new JsonObject
        {
            ["version"] = 1,
            ["about"] = "Known-answer vectors of docs/cryptography.md; hex is lowercase; amounts are decimal strings.",
            ["pedersenH"] = Hex(PedersenCommitment.Commit(CommitmentValue.OfAmount(0), Blinding.FromBytes(Scalar(1))).ToBytes()),
            ["keys"] = new JsonArray([.. new[] { requester, validator, other }.Select(KeyVector)]),
            ["signatures"] = new JsonArray(
                SignatureVector(requester, [], Fixed("aux 0", 32)),
                SignatureVector(validator, Fixed("message 1", 32), Fixed("aux 1", 32)),
                SignatureVector(other, Fixed("message 2", 100), Fixed("aux 2", 32))),
            ["commitments"] = new JsonArray(
                AmountCommitment(0, Scalar(7)),
                AmountCommitment(1, Fixed("blinding 1", 32, scalar: true)),
                AmountCommitment(1_250, Fixed("blinding 2", 32, scalar: true)),
                AmountCommitment(ulong.MaxValue, Fixed("blinding 3", 32, scalar: true)),
                AmountCommitment(ulong.MaxValue, Scalar(0)),
                DataCommitment([], Fixed("blinding 4", 32, scalar: true)),
                DataCommitment("{\"salaries\":[5100,4800,6200]}"u8.ToArray(), Fixed("blinding 5", 32, scalar: true))),
            ["commitmentSums"] = new JsonArray(
                SumVector(1_250, Fixed("blinding 2", 32, scalar: true), 1, Fixed("blinding 1", 32, scalar: true)),
                SumVector(ulong.MaxValue, Fixed("blinding 3", 32, scalar: true), 1, Fixed("blinding 1", 32, scalar: true)),
                SumVector(ulong.MaxValue, Fixed("blinding 3", 32, scalar: true), ulong.MaxValue, Fixed("blinding 6", 32, scalar: true))),
            ["jobs"] = new JsonArray(
                JobVector(requester, [validator, other], "job-0001", "{\"salaries\":[5100,4800,6200]}"u8.ToArray(), Fixed("output 1", 40), attempt: 1),
                JobVector(requester, [validator], "jöb/ünïcode-2", [], [], attempt: 3)),
            ["resultDigests"] = new JsonArray(
                ResultDigestVector(status: 0, code: 0, Fixed("public output", 24), fingerprint: null),
                ResultDigestVector(status: 0, code: 0, [], fingerprint: null),
                ResultDigestVector(status: 1, code: 3, [], fingerprint: null),
                ResultDigestVector(status: 2, code: 1, [], fingerprint: null),
                ResultDigestVector(status: 0, code: 0, Fixed("sealed output", 69), Fixed("fingerprint", 32))),
            ["votes"] = new JsonArray(
                VoteVector(validator, "job-0001", 1, Fixed("digest 1", 32), 1_234_567, "wasmtime-50.0.1/x86_64/0123abcd"),
                VoteVector(other, "jöb/ünïcode-2", 3, Fixed("digest 2", 32), long.MaxValue, "p")),
        };
    }

    private static JsonObject KeyVector(SecretKey key) => new()
    {
        ["secret"] = key.ExportHex(),
        ["public"] = key.PublicKey.ToHex(),
        ["hasEvenY"] = key.HasEvenY,
    };

    private static JsonObject SignatureVector(SecretKey key, byte[] message, byte[] aux) => new()
    {
        ["secret"] = key.ExportHex(),
        ["public"] = key.PublicKey.ToHex(),
        ["message"] = Hex(message),
        ["aux"] = Hex(aux),
        ["signature"] = SchnorrSignature.Sign(key, message, aux).ToHex(),
    };

    private static JsonObject AmountCommitment(ulong amount, byte[] blinding) => new()
    {
        ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["blinding"] = Hex(blinding),
        ["commitment"] = PedersenCommitment.Commit(CommitmentValue.OfAmount(amount), Blinding.FromBytes(blinding)).ToHex(),
    };

    private static JsonObject DataCommitment(byte[] data, byte[] blinding) => new()
    {
        ["data"] = Hex(data),
        ["value"] = Hex(CommitmentValue.OfData(data).Scalar),
        ["blinding"] = Hex(blinding),
        ["commitment"] = PedersenCommitment.Commit(CommitmentValue.OfData(data), Blinding.FromBytes(blinding)).ToHex(),
    };

    private static JsonObject SumVector(ulong a, byte[] blindingA, ulong b, byte[] blindingB)
    {
        PedersenCommitment ca = PedersenCommitment.Commit(CommitmentValue.OfAmount(a), Blinding.FromBytes(blindingA));
        PedersenCommitment cb = PedersenCommitment.Commit(CommitmentValue.OfAmount(b), Blinding.FromBytes(blindingB));
        return new JsonObject
        {
            ["a"] = AmountCommitment(a, blindingA),
            ["b"] = AmountCommitment(b, blindingB),
            ["sumValue"] = ((System.Numerics.BigInteger)a + b).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sumBlinding"] = Hex((Blinding.FromBytes(blindingA) + Blinding.FromBytes(blindingB)).ExportBytes()),
            ["sum"] = (ca + cb).ToHex(),
            ["difference"] = (ca - cb).ToHex(),
        };
    }

    private static JsonObject JobVector(SecretKey requester, SecretKey[] cohort, string jobId, byte[] input, byte[] output, int attempt)
    {
        byte[] blindingBytes = Fixed("job blinding " + jobId, 32, scalar: true);
        Blinding blinding = Blinding.FromBytes(blindingBytes);
        CommitmentValue value = CommitmentValue.OfData(input);
        PedersenCommitment commitment = PedersenCommitment.Commit(value, blinding);
        byte[] moduleHash = SHA256.HashData(Encoding.UTF8.GetBytes("(module " + jobId + ")"));
        JobNonce nonce = JobNonce.FromBytes(Fixed("job nonce " + jobId, 32));
        var context = new PrivateJobContext(jobId, moduleHash, commitment, requester.PublicKey, nonce);
        using JobKey jobKey = context.DeriveKey(requester);
        using SecretKey handOutKey = KeyHandOut.DeriveSigningKey(requester, nonce);
        SealedInput sealedInput = CommittedInput.Seal(jobKey, context.Binding, blinding, input);
        var wrapped = cohort.ToDictionary(member => "v" + member.PublicKey.ToHex()[..16], member => KeyWrap.Wrap(jobKey, member.PublicKey, context.Binding), StringComparer.Ordinal);
        byte[] delegation = KeyHandOut.DelegationMessage(jobId, handOutKey.PublicKey);
        byte[] handOut = KeyHandOut.Message(jobId, attempt, wrapped);
        byte[] challenge = Fixed("challenge " + jobId, 32);
        byte[] authorisation = ResultAuthorization.Message(jobId, challenge);
        return new JsonObject
        {
            ["jobId"] = jobId,
            ["moduleHash"] = Hex(moduleHash),
            ["requester"] = requester.PublicKey.ToHex(),
            ["input"] = Hex(input),
            ["blinding"] = Hex(blindingBytes),
            ["commitment"] = commitment.ToHex(),
            ["binding"] = Hex(context.Binding.Encoded),
            ["purpose"] = PrivateJobContext.OwnershipPurpose,
            ["ownershipContext"] = Hex(context.OwnershipContext.Encoded),
            ["ownershipProof"] = Hex(OwnershipProof.Create(requester, value, blinding, context.OwnershipContext).ToBytes()),
            ["jobNonce"] = nonce.ToHex(),
            ["jobKey"] = Hex(jobKey.Key),
            ["sealedInput"] = Hex(sealedInput.ToBytes()),
            ["wrappedKeys"] = new JsonArray([.. cohort.Select(member => new JsonObject
            {
                ["validatorSecret"] = member.ExportHex(),
                ["validatorId"] = "v" + member.PublicKey.ToHex()[..16],
                ["wrappedKey"] = Hex(wrapped["v" + member.PublicKey.ToHex()[..16]].ToBytes()),
            })]),
            ["attempt"] = attempt,
            ["output"] = Hex(output),
            ["sealedOutput"] = Hex(OutputSealer.Seal(jobKey, context.Binding, attempt, output).ToBytes()),
            ["outputFingerprint"] = Hex(OutputFingerprint.Compute(jobKey, context.Binding, output)),
            ["handOutSecret"] = handOutKey.ExportHex(),
            ["handOutPublic"] = handOutKey.PublicKey.ToHex(),
            ["delegationMessage"] = Hex(delegation),
            ["delegationAux"] = Hex(Fixed("delegation aux " + jobId, 32)),
            ["delegationSignature"] = SchnorrSignature.Sign(requester, delegation, Fixed("delegation aux " + jobId, 32)).ToHex(),
            ["handOutAttempt"] = attempt,
            ["handOutMessage"] = Hex(handOut),
            ["handOutAux"] = Hex(Fixed("hand-out aux " + jobId, 32)),
            ["handOutSignature"] = SchnorrSignature.Sign(handOutKey, handOut, Fixed("hand-out aux " + jobId, 32)).ToHex(),
            ["resultChallenge"] = Hex(challenge),
            ["resultAuthorisationMessage"] = Hex(authorisation),
            ["resultAuthorisationAux"] = Hex(Fixed("authorisation aux " + jobId, 32)),
            ["resultAuthorisationSignature"] = SchnorrSignature.Sign(requester, authorisation, Fixed("authorisation aux " + jobId, 32)).ToHex(),
        };
    }

    /// <summary>§11, written from the document (this project does not reference the code that computes it).</summary>
    private static JsonObject ResultDigestVector(byte status, uint code, byte[] output, byte[]? fingerprint)
    {
        byte[] header = new byte[13];
        header[0] = status;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), code);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(5), (ulong)output.Length);
        string tag = fingerprint is null ? "paraloom/compute-result/v1" : "paraloom/private-result/v1";
        var vector = new JsonObject { ["status"] = status, ["code"] = code, ["output"] = Hex(output) };
        if (fingerprint is not null) vector["fingerprint"] = Hex(fingerprint);
        vector["digest"] = Hex(SHA256.HashData([.. Encoding.ASCII.GetBytes(tag), .. header, .. output, .. fingerprint ?? []]));
        return vector;
    }

    /// <summary>§5.1, written from the document, signed with fixed aux randomness.</summary>
    private static JsonObject VoteVector(SecretKey validator, string jobId, int attempt, byte[] digest, long fuel, string profile)
    {
        byte[] id = Encoding.UTF8.GetBytes(jobId), profileBytes = Encoding.UTF8.GetBytes(profile);
        var fields = new byte[2 + id.Length + 4 + 32 + 8 + 2 + profileBytes.Length];
        Span<byte> rest = fields;
        BinaryPrimitives.WriteUInt16BigEndian(rest, (ushort)id.Length);
        id.CopyTo(rest[2..]);
        rest = rest[(2 + id.Length)..];
        BinaryPrimitives.WriteInt32BigEndian(rest, attempt);
        digest.CopyTo(rest[4..]);
        BinaryPrimitives.WriteInt64BigEndian(rest[36..], fuel);
        BinaryPrimitives.WriteUInt16BigEndian(rest[44..], (ushort)profileBytes.Length);
        profileBytes.CopyTo(rest[46..]);
        byte[] message = TaggedHash("paraloom/vote/v2", fields);
        byte[] aux = Fixed("vote aux " + jobId, 32);
        return new JsonObject
        {
            ["validator"] = validator.PublicKey.ToHex(),
            ["jobId"] = jobId,
            ["attempt"] = attempt,
            ["digest"] = Hex(digest),
            ["fuelUsed"] = fuel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["profile"] = profile,
            ["message"] = Hex(message),
            ["aux"] = Hex(aux),
            ["signature"] = SchnorrSignature.Sign(validator, message, aux).ToHex(),
        };
    }

    private static byte[] TaggedHash(string tag, byte[] data)
    {
        byte[] tagHash = SHA256.HashData(Encoding.ASCII.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. data]);
    }

    /// <summary>The first key derived from <paramref name="label"/> whose point has the asked-for parity of y.</summary>
    private static SecretKey KeyWithParity(string label, bool evenY)
    {
        for (int i = 0; ; i++)
        {
            SecretKey key = SecretKey.FromBytes(Fixed($"{label} {i}", 32, scalar: true));
            if (key.HasEvenY == evenY) return key;
            key.Dispose();
        }
    }

    /// <summary>Deterministic bytes: SHA-256 of the label and a counter, repeated; below n when a scalar is asked for.</summary>
    private static byte[] Fixed(string label, int length, bool scalar = false)
    {
        var bytes = new List<byte>();
        for (int block = 0; bytes.Count < length; block++) bytes.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes($"paraloom test vector: {label} #{block}")));
        byte[] result = [.. bytes.Take(length)];
        if (scalar) result[0] &= 0x7f;
        return result;
    }

    private static byte[] Scalar(ulong value)
    {
        var bytes = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), value);
        return bytes;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
