using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Paraloom.Privacy.Native;
using Bc = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// libsecp256k1 (through this library) against BouncyCastle on random keys, messages and openings: each side's
/// signatures verify on the other, commitments, ECDH and scalar arithmetic agree.
/// </summary>
public class BouncyCastleCrossCheckTests
{
    private const int Rounds = 24;

    private static BigInteger RandomScalar(Random random)
    {
        var bytes = new byte[32];
        while (true)
        {
            random.NextBytes(bytes);
            BigInteger value = new(1, bytes);
            if (value.SignValue > 0 && value.CompareTo(Bc.N) < 0) return value;
        }
    }

    [Fact]
    public void Public_keys_agree()
    {
        var random = new Random(1);
        for (int i = 0; i < Rounds; i++)
        {
            BigInteger secret = RandomScalar(random);
            using SecretKey key = SecretKey.FromBytes(Bc.Bytes32(secret));
            Assert.Equal(Bc.PublicKey(secret), key.PublicKey.ToBytes());
        }
    }

    [Fact]
    public void Our_signatures_verify_there_and_theirs_here()
    {
        var random = new Random(2);
        for (int i = 0; i < Rounds; i++)
        {
            BigInteger secret = RandomScalar(random);
            using SecretKey key = SecretKey.FromBytes(Bc.Bytes32(secret));
            byte[] message = new byte[random.Next(0, 200)];
            random.NextBytes(message);
            byte[] aux = new byte[32];
            random.NextBytes(aux);

            byte[] ours = key.Sign(message).ToBytes();
            Assert.True(Bc.Verify(key.PublicKey.ToBytes(), message, ours));
            byte[] theirs = Bc.Sign(secret, message, aux);
            Assert.True(key.PublicKey.Verify(message, SchnorrSignature.FromBytes(theirs)));
            Assert.Equal(theirs, SchnorrSignature.Sign(key, message, aux).ToBytes());

            theirs[random.Next(64)] ^= (byte)(1 << random.Next(8));
            Assert.False(key.PublicKey.Verify(message, SchnorrSignature.FromBytes(theirs)));
        }
    }

    [Fact]
    public void Commitments_agree_for_amounts_data_and_edge_openings()
    {
        var random = new Random(3);
        var openings = new List<(CommitmentValue Value, BigInteger V, BigInteger R)>
        {
            (CommitmentValue.OfAmount(0), BigInteger.Zero, BigInteger.Two),
            (CommitmentValue.OfAmount(5), BigInteger.ValueOf(5), BigInteger.Zero),
            (CommitmentValue.OfAmount(ulong.MaxValue), new BigInteger(ulong.MaxValue.ToString()), Bc.N.Subtract(BigInteger.One)),
        };
        for (int i = 0; i < Rounds; i++)
        {
            ulong amount = (ulong)random.NextInt64();
            openings.Add((CommitmentValue.OfAmount(amount), new BigInteger(amount.ToString()), RandomScalar(random)));
            byte[] data = new byte[random.Next(1, 100)];
            random.NextBytes(data);
            BigInteger v = Bc.ToBig(SHA256.HashData([.. TagPrefix("Paraloom/commitment-value/v1"), .. data])).Mod(Bc.N);
            openings.Add((CommitmentValue.OfData(data), v, RandomScalar(random)));
        }
        foreach ((CommitmentValue value, BigInteger v, BigInteger r) in openings)
        {
            Blinding blinding = Blinding.FromBytes(Bc.Bytes32(r));
            Assert.Equal(Bc.Commit(v, r), PedersenCommitment.Commit(value, blinding).ToBytes());
        }
    }

    [Fact]
    public void The_key_hand_out_shares_the_secret_BouncyCastle_computes()
    {
        var random = new Random(4);
        for (int i = 0; i < Rounds / 4; i++)
        {
            BigInteger validatorSecret = RandomScalar(random);
            using SecretKey validator = SecretKey.FromBytes(Bc.Bytes32(validatorSecret));
            using var job = new JobFixture();
            using JobKey key = JobKey.CreateNew(job.Requester, out _);
            byte[] wrapped = KeyWrap.Wrap(key, validator.PublicKey, job.Job).ToBytes();

            // Unwrap by hand: x(validator secret · ephemeral point) on BouncyCastle, then the documented HKDF and AES-GCM.
            byte[] ephemeral = wrapped[..32];
            byte[] sharedX = Bc.SharedX(validatorSecret, Bc.LiftX(ephemeral)!);
            byte[] derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedX, 44, [.. ephemeral, .. validator.PublicKey.ToBytes()], "paraloom/key-wrap/v1"u8.ToArray());
            byte[] envelope = wrapped[32..];
            byte[] plain = new byte[envelope.Length - 29];
            using var aes = new AesGcm(derived[..32], 16);
            aes.Decrypt(envelope.AsSpan(1, 12), envelope.AsSpan(29), envelope.AsSpan(13, 16), plain, [.. "paraloom/key-wrap/v1"u8, .. job.Job.Encoded]);
            Assert.Equal(key.Key.ToArray(), plain);
        }
    }

    [Fact]
    public void Scalar_arithmetic_agrees_including_zero_and_wrap_around()
    {
        var random = new Random(5);
        BigInteger nMinusOne = Bc.N.Subtract(BigInteger.One);
        var values = new List<BigInteger> { BigInteger.Zero, BigInteger.One, nMinusOne };
        for (int i = 0; i < Rounds; i++) values.Add(RandomScalar(random));
        foreach (BigInteger a in values)
        {
            foreach (BigInteger b in values.Take(8))
            {
                Blinding x = Blinding.FromBytes(Bc.Bytes32(a)), y = Blinding.FromBytes(Bc.Bytes32(b));
                Assert.Equal(Bc.Bytes32(a.Add(b).Mod(Bc.N)), (x + y).ExportBytes());
                Assert.Equal(Bc.Bytes32(a.Subtract(b).Mod(Bc.N)), (x - y).ExportBytes());
                var product = new byte[32];
                ScalarMath.Multiply(Bc.Bytes32(a), Bc.Bytes32(b), product);
                Assert.Equal(Bc.Bytes32(a.Multiply(b).Mod(Bc.N)), product);
            }
        }
    }

    [Fact]
    public void Hashes_reduce_modulo_the_order()
    {
        BigInteger two256 = BigInteger.One.ShiftLeft(256);
        var random = new Random(6);
        var values = new List<BigInteger> { BigInteger.Zero, Bc.N.Subtract(BigInteger.One), Bc.N, Bc.N.Add(BigInteger.One), two256.Subtract(BigInteger.One) };
        for (int i = 0; i < Rounds; i++) values.Add(new BigInteger(256, random));
        foreach (BigInteger value in values)
        {
            var reduced = new byte[32];
            ScalarMath.Reduce(Bc.Bytes32(value), reduced);
            Assert.Equal(Bc.Bytes32(value.Mod(Bc.N)), reduced);
        }
    }

    private static byte[] TagPrefix(string tag)
    {
        byte[] tagHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag));
        return [.. tagHash, .. tagHash];
    }
}
