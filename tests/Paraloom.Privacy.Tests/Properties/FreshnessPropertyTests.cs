using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// Nonces and blindings never repeat across jobs: over many submissions of the same input by the same requester, every
/// job nonce, blinding (hence commitment), sealed-input nonce, proof, hand-out key and key-wrap ephemeral key is new.
/// </summary>
public class FreshnessPropertyTests
{
    [Fact]
    public void Every_submission_draws_fresh_nonces_blindings_and_ephemeral_keys()
    {
        long jobs = PropertyRuns.Of(150);
        using SecretKey requester = SecretKey.Generate();
        using SecretKey validator = SecretKey.Generate();
        byte[] module = "(module)"u8.ToArray(), input = "{\"salaries\":[5100,4800,6200]}"u8.ToArray();
        var seen = new Dictionary<string, HashSet<string>>();
        void Fresh(string what, byte[] bytes) =>
            Assert.True((seen.TryGetValue(what, out var set) ? set : seen[what] = []).Add(Convert.ToHexString(bytes)), $"A {what} repeated.");

        for (int i = 0; i < jobs; i++)
        {
            PrivateJobInput submission = PrivateJobInput.Seal("job-same-id", module, input, requester);
            Fresh("job nonce", submission.Nonce.ToBytes());
            Fresh("commitment (so blinding)", submission.InputCommitment.ToBytes());
            Fresh("sealed-input nonce", submission.SealedInput.ToBytes()[1..13]);
            Fresh("ownership proof challenge", submission.OwnershipProof.ToBytes()[1..33]);
            Fresh("hand-out key", submission.HandOutKey.ToBytes());
            var context = PrivateJobContext.ForModule("job-same-id", module, submission.InputCommitment, requester.PublicKey, submission.Nonce);
            Fresh("key-wrap ephemeral key", context.WrapKeyFor(requester, [new CohortMember("v1", validator.PublicKey)])["v1"].ToBytes()[..32]);
            Fresh("blinding", Blinding.Random().ExportBytes());
        }
        Assert.All(seen.Values, set => Assert.Equal(jobs, set.Count));
    }
}
