using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Paraloom.Privacy;
using Paraloom.Privacy.Curve;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>
/// Old (BouncyCastle) and new privacy operations measured round-robin: every round times a few single calls
/// of each operation in turn, and the table reports each one's fastest and median call. On a shared machine
/// whose load swings within seconds, the fastest of many interleaved calls is the figure least distorted by
/// other processes (a call of 100 µs usually runs unpreempted), and ratios between rows come from the same
/// moments.
/// </summary>
internal static class InterleavedComparison
{
    private const double LibSecp256k1VerifyMicroseconds = 67;
    private const int CallsPerRound = 5;

    public static void Run(int rounds)
    {
        (string Name, int PerCall, Action Operation)[] operations = Operations();
        var samples = new List<double>[operations.Length];
        for (int i = 0; i < operations.Length; i++)
        {
            samples[i] = [];
            for (int warm = 0; warm < 200; warm++) operations[i].Operation();
        }
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < operations.Length; i++)
            {
                for (int call = 0; call < CallsPerRound; call++) samples[i].Add(TimeCall(operations[i].Operation) / operations[i].PerCall);
            }
        }

        double baseline = samples[0].Min();
        Console.WriteLine($"| operation | min µs | median µs | × BouncyCastle k·G (min {baseline:F0} µs) | × libsecp256k1 verify ({LibSecp256k1VerifyMicroseconds} µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int i = 0; i < operations.Length; i++)
        {
            double min = samples[i].Min();
            double median = samples[i].Order().ElementAt(samples[i].Count / 2);
            Console.WriteLine($"| {operations[i].Name} | {min:F0} | {median:F0} | {min / baseline:F2} | {min / LibSecp256k1VerifyMicroseconds:F2} |");
        }
    }

    private static double TimeCall(Action operation)
    {
        long start = Stopwatch.GetTimestamp();
        operation();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static (string, int, Action)[] Operations()
    {
        var key = SecretKey.Generate();
        byte[] message = RandomNumberGenerator.GetBytes(72);
        SchnorrSignature signature = key.Sign(message);
        byte[] publicKeyBytes = key.PublicKey.ToBytes();
        byte[] signatureBytes = signature.ToBytes();
        BcPoint bcPublicKey = BouncyCastleBaseline.LiftX(publicKeyBytes);
        SignedMessage[] votes = Enumerable.Range(0, 10).Select(_ =>
        {
            using SecretKey validator = SecretKey.Generate();
            return new SignedMessage(validator.PublicKey, message, validator.Sign(message));
        }).ToArray();

        Scalar scalar = Blinding.Random().Scalar, other = Blinding.Random().Scalar;
        var bcScalar = new BigInteger(1, scalar.ToBytes());
        var bcOther = new BigInteger(1, other.ToBytes());
        Generators.MultiplyG(other).TryToAffine(out AffinePoint point);
        BcPoint bcPoint = BouncyCastleBaseline.G.Multiply(bcOther).Normalize();

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
            ("BouncyCastle k·G (GLV), the baseline", 1, () => BouncyCastleBaseline.G.Multiply(bcScalar).Normalize()),
            ("BouncyCastle s·G + e·P (old verification core)", 1, () => ECAlgorithms.SumOfTwoMultiplies(BouncyCastleBaseline.G, bcScalar, bcPoint, bcOther).Normalize()),
            ("BouncyCastle Schnorr verify (old)", 1, () => BouncyCastleBaseline.Verify(bcPublicKey, publicKeyBytes, message, signatureBytes)),
            ("BouncyCastle commit data, comb (old-style)", 1, () => BouncyCastleBaseline.Commit(bcScalar, bcOther)),
            ("k·G, constant-time fixed-base table", 1, () => Generators.MultiplyG(scalar).TryToAffine(out _)),
            ("s·G + e·P, GLV + Strauss wNAF", 1, () => VariableTimeMultiplier.Multiply(scalar, Scalar.Zero, [other], [point]).TryToAffine(out _)),
            ("k·P, constant-time GLV (ECDH)", 1, () => ConstantTimeMultiplier.Multiply(scalar, point).TryToAffine(out _)),
            ("Schnorr sign", 1, () => key.Sign(message)),
            ("Schnorr verify", 1, () => key.PublicKey.Verify(message, signature)),
            ("Schnorr verify, key parsed from bytes", 1, () => PublicKey.FromBytes(publicKeyBytes).Verify(message, signature)),
            ("Schnorr batch verify, 10 votes, per signature", votes.Length, () => SchnorrSignature.VerifyBatch(votes)),
            ("commit amount (u64)", 1, () => PedersenCommitment.Commit(amount, blinding)),
            ("commit data", 1, () => PedersenCommitment.Commit(data, blinding)),
            ("open (recompute and compare)", 1, () => commitment.Opens(data, blinding)),
            ("ownership proof create", 1, () => OwnershipProof.Create(key, data, blinding, context)),
            ("ownership proof verify", 1, () => proof.Verify(context)),
            ("key wrap (ECIES)", 1, () => KeyWrap.Wrap(jobKey, validatorKey.PublicKey, job)),
            ("key unwrap", 1, () => KeyWrap.Unwrap(wrapped, validatorKey, job).Dispose()),
        ];
    }
}
