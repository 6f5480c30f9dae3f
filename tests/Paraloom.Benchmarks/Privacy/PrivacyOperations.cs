using System.Security.Cryptography;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>
/// The privacy operations the table times, written against the public API only, so the same file compiles
/// against any build of Paraloom.Privacy (an older one included) and both can be timed side by side.
/// </summary>
public static class PrivacyOperations
{
    public static (string Name, Action Operation)[] Create()
    {
        var key = SecretKey.Generate();
        byte[] message = RandomNumberGenerator.GetBytes(72);
        SchnorrSignature signature = key.Sign(message);
        byte[] publicKeyBytes = key.PublicKey.ToBytes();
        SignedMessage[] votes = Enumerable.Range(0, 3).Select(_ =>
        {
            using SecretKey validator = SecretKey.Generate();
            return new SignedMessage(validator.PublicKey, message, validator.Sign(message));
        }).ToArray();

        CommitmentValue amount = CommitmentValue.OfAmount(1_234_567_890);
        CommitmentValue data = CommitmentValue.OfData("a private input of some length"u8);
        Blinding blinding = Blinding.Random();
        PedersenCommitment commitment = PedersenCommitment.Commit(data, blinding);
        var job = new JobBinding("job-1", SHA256.HashData("module"u8), commitment, key.PublicKey);
        var context = new OwnershipContext(job, "submit");
        OwnershipProof proof = OwnershipProof.Create(key, data, blinding, context);
        var validatorKey = SecretKey.Generate();
        JobKey jobKey = JobKey.CreateNew(key, out _);
        WrappedJobKey wrapped = KeyWrap.Wrap(jobKey, validatorKey.PublicKey, job);

        return
        [
            ("key generation", () => SecretKey.Generate().Dispose()),
            ("Schnorr sign (72-byte vote)", () => key.Sign(message)),
            ("Schnorr verify", () => key.PublicKey.Verify(message, signature)),
            ("Schnorr verify, key parsed from bytes", () => PublicKey.FromBytes(publicKeyBytes).Verify(message, signature)),
            ("Schnorr batch verify of 3 (whole batch)", () => SchnorrSignature.VerifyBatch(votes)),
            ("commit amount (u64)", () => PedersenCommitment.Commit(amount, blinding)),
            ("commit data", () => PedersenCommitment.Commit(data, blinding)),
            ("open (recompute and compare)", () => commitment.Opens(data, blinding)),
            ("ownership proof create", () => OwnershipProof.Create(key, data, blinding, context)),
            ("ownership proof verify", () => proof.Verify(context)),
            ("key wrap (ECDH + AES-GCM)", () => KeyWrap.Wrap(jobKey, validatorKey.PublicKey, job)),
            ("key unwrap", () => KeyWrap.Unwrap(wrapped, validatorKey, job).Dispose()),
        ];
    }
}
