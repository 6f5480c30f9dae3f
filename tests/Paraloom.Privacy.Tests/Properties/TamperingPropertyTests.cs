using CsCheck;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// Any single-bit change of a signature, signed message, proof, commitment, sealed input, wrapped key, sealed output,
/// hand-out or result authorisation is refused: verification returns false or opening throws, never a wrong success.
/// </summary>
public sealed class TamperingPropertyTests : IDisposable
{
    private readonly SealedJob _sealed = new();
    [Fact]
    public void A_signature_or_its_message_with_one_bit_changed_does_not_verify()
    {
        Gen.Select(Gen.Byte.Array[0, 100], Gen.Int[0, SchnorrSignature.Size * 8 - 1], Gen.Int[0, 799]).Sample((message, signatureBit, messageBit) =>
        {
            byte[] signature = _sealed.Validator.Sign(message).ToBytes();
            Assert.True(_sealed.Validator.PublicKey.Verify(message, SchnorrSignature.FromBytes(signature)));
            Assert.False(_sealed.Validator.PublicKey.Verify(message, SchnorrSignature.FromBytes(PropertyRuns.Flip(signature, signatureBit))));
            if (message.Length > 0)
                Assert.False(_sealed.Validator.PublicKey.Verify(PropertyRuns.Flip(message, messageBit % (message.Length * 8)), SchnorrSignature.FromBytes(signature)));
        }, iter: PropertyRuns.Of(300));
    }

    [Fact]
    public void An_ownership_proof_with_one_bit_changed_is_refused()
    {
        byte[] proof = _sealed.Proof.ToBytes();
        Gen.Int[0, OwnershipProof.Size * 8 - 1].Sample(bit =>
            Assert.False(Accepted(() => OwnershipProof.FromBytes(PropertyRuns.Flip(proof, bit)).Verify(_sealed.Job.Context()))), iter: PropertyRuns.Of(400));
    }

    [Fact]
    public void A_commitment_with_one_bit_changed_opens_nothing_and_breaks_the_proof()
    {
        byte[] commitment = _sealed.Job.Commitment.ToBytes();
        Gen.Int[0, PedersenCommitment.Size * 8 - 1].Sample(bit => Assert.False(Accepted(() =>
        {
            PedersenCommitment changed = PedersenCommitment.FromBytes(PropertyRuns.Flip(commitment, bit));
            var binding = new JobBinding(_sealed.Job.Job.JobId, _sealed.Job.ModuleHash, changed, _sealed.Job.Requester.PublicKey);
            return changed.Opens(_sealed.Job.Value, _sealed.Job.Blinding) || _sealed.Proof.Verify(new OwnershipContext(binding, "submit"));
        })), iter: PropertyRuns.Of(200));
    }

    [Fact]
    public void A_sealed_input_wrapped_key_or_sealed_output_with_one_bit_changed_does_not_open()
    {
        byte[] input = _sealed.SealedInput.ToBytes(), wrapped = _sealed.Wrapped.ToBytes(), output = _sealed.SealedOutput.ToBytes();
        Gen.Select(Gen.Int[0, input.Length * 8 - 1], Gen.Int[0, wrapped.Length * 8 - 1], Gen.Int[0, output.Length * 8 - 1]).Sample((inputBit, wrappedBit, outputBit) =>
        {
            Assert.Throws<AuthenticationFailedException>(() => CommittedInput.Open(SealedInput.FromBytes(PropertyRuns.Flip(input, inputBit)), _sealed.JobKey, _sealed.Job.Job));
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes(PropertyRuns.Flip(wrapped, wrappedBit)), _sealed.Validator, _sealed.Job.Job));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(_sealed.JobKey, _sealed.Job.Job, SealedJob.Attempt, SealedOutput.FromBytes(PropertyRuns.Flip(output, outputBit))));
        }, iter: PropertyRuns.Of(300));
    }

    [Fact]
    public void A_hand_out_delegation_or_result_authorisation_with_one_bit_changed_does_not_verify()
    {
        using SecretKey handOutKey = SecretKey.Generate();
        var wrappedKeys = new Dictionary<string, WrappedJobKey>(StringComparer.Ordinal) { ["v1"] = _sealed.Wrapped };
        byte[] handOut = KeyHandOut.Sign(handOutKey, "job-0001", 2, wrappedKeys).ToBytes();
        byte[] delegation = KeyHandOut.Delegate(_sealed.Job.Requester, "job-0001", handOutKey.PublicKey).ToBytes();
        byte[] challenge = new byte[32];
        byte[] authorisation = ResultAuthorization.Sign(_sealed.Job.Requester, "job-0001", challenge).ToBytes();
        Gen.Select(Gen.Int[0, SchnorrSignature.Size * 8 - 1], Gen.Int[0, _sealed.Wrapped.ToBytes().Length * 8 - 1], Gen.Int[0, 255]).Sample((signatureBit, wrappedBit, challengeBit) =>
        {
            Assert.False(KeyHandOut.Verify(handOutKey.PublicKey, "job-0001", 2, wrappedKeys, SchnorrSignature.FromBytes(PropertyRuns.Flip(handOut, signatureBit))));
            var changedKeys = new Dictionary<string, WrappedJobKey>(StringComparer.Ordinal) { ["v1"] = WrappedJobKey.FromBytes(PropertyRuns.Flip(_sealed.Wrapped.ToBytes(), wrappedBit)) };
            Assert.False(KeyHandOut.Verify(handOutKey.PublicKey, "job-0001", 2, changedKeys, SchnorrSignature.FromBytes(handOut)));
            Assert.False(KeyHandOut.VerifyDelegation(_sealed.Job.Requester.PublicKey, "job-0001", handOutKey.PublicKey, SchnorrSignature.FromBytes(PropertyRuns.Flip(delegation, signatureBit))));
            Assert.False(ResultAuthorization.Verify(_sealed.Job.Requester.PublicKey, "job-0001", challenge, SchnorrSignature.FromBytes(PropertyRuns.Flip(authorisation, signatureBit))));
            Assert.False(ResultAuthorization.Verify(_sealed.Job.Requester.PublicKey, "job-0001", PropertyRuns.Flip(challenge, challengeBit), SchnorrSignature.FromBytes(authorisation)));
        }, iter: PropertyRuns.Of(200));
        Assert.True(KeyHandOut.Verify(handOutKey.PublicKey, "job-0001", 2, wrappedKeys, SchnorrSignature.FromBytes(handOut)));
        Assert.True(ResultAuthorization.Verify(_sealed.Job.Requester.PublicKey, "job-0001", challenge, SchnorrSignature.FromBytes(authorisation)));
    }

    /// <summary>Whether the check accepted; a refusal by strict decoding counts as not accepted.</summary>
    private static bool Accepted(Func<bool> check)
    {
        try
        {
            return check();
        }
        catch (InvalidEncodingException)
        {
            return false;
        }
    }

    public void Dispose() => _sealed.Dispose();
}
