using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Protocol;

public class KeyHandOutTests
{
    private static readonly byte[] Module = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    [Fact]
    public void The_hand_out_message_is_the_tagged_hash_of_job_attempt_and_each_member_s_wrapped_key_in_id_order()
    {
        var keys = new Dictionary<string, WrappedJobKey>(StringComparer.Ordinal)
        {
            ["v-b"] = WrappedJobKeyOf(0xBB),
            ["v-a"] = WrappedJobKeyOf(0xAA),
        };
        var a = keys["v-a"].ToBytes();
        var b = keys["v-b"].ToBytes();
        byte[] body =
        [
            0x00, 0x05, .. "job-1"u8, 0x00, 0x00, 0x00, 0x02, 0x00, 0x02,
            0x00, 0x03, .. "v-a"u8, (byte)(a.Length >> 8), (byte)a.Length, .. a,
            0x00, 0x03, .. "v-b"u8, (byte)(b.Length >> 8), (byte)b.Length, .. b,
        ];
        var tag = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/key-hand-out/v1"));

        Assert.Equal(SHA256.HashData([.. tag, .. tag, .. body]), KeyHandOut.Message("job-1", 2, keys));
    }

    [Fact]
    public void A_signed_hand_out_verifies_only_for_its_job_attempt_keys_and_the_delegated_key()
    {
        using var requester = SecretKey.Generate();
        var input = PrivateJobInput.Seal("job-7", Module, [1, 2, 3], requester);
        var context = PrivateJobContext.ForModule("job-7", Module, input.InputCommitment, requester.PublicKey, input.Nonce);
        using var member = SecretKey.Generate();
        CohortMember[] cohort = [new("v-1", member.PublicKey)];

        var handOut = context.HandOut(requester, 1, cohort);
        var other = context.HandOut(requester, 1, cohort);

        Assert.True(KeyHandOut.VerifyDelegation(requester.PublicKey, "job-7", input.HandOutKey, input.HandOutDelegation));
        Assert.False(KeyHandOut.VerifyDelegation(requester.PublicKey, "job-8", input.HandOutKey, input.HandOutDelegation));
        Assert.True(KeyHandOut.Verify(input.HandOutKey, "job-7", 1, handOut.WrappedKeys, handOut.Signature));
        Assert.False(KeyHandOut.Verify(input.HandOutKey, "job-7", 2, handOut.WrappedKeys, handOut.Signature));
        Assert.False(KeyHandOut.Verify(input.HandOutKey, "job-8", 1, handOut.WrappedKeys, handOut.Signature));
        // Wrapping is randomised: another wrapping of the same key is another hand-out.
        Assert.False(KeyHandOut.Verify(input.HandOutKey, "job-7", 1, other.WrappedKeys, handOut.Signature));
        // Not the requester's own key, and not a key a cohort member could derive from the job key.
        Assert.False(KeyHandOut.Verify(requester.PublicKey, "job-7", 1, handOut.WrappedKeys, handOut.Signature));
        Assert.NotEqual(requester.PublicKey, input.HandOutKey);
        using var again = KeyHandOut.DeriveSigningKey(requester, input.Nonce);
        Assert.Equal(input.HandOutKey, again.PublicKey);
    }

    private static WrappedJobKey WrappedJobKeyOf(byte fill)
    {
        using var requester = SecretKey.Generate();
        using var jobKey = JobKey.CreateNew(requester, out _);
        using var member = SecretKey.Generate();
        var binding = new JobBinding("job-1", new byte[32], PedersenCommitment.Commit(CommitmentValue.OfData([fill]), Blinding.Random()), member.PublicKey);
        return KeyWrap.Wrap(jobKey, member.PublicKey, binding);
    }
}
