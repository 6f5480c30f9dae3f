using System.Text.Json;
using Paraloom.Compute.Execution;

namespace Paraloom.Compute.Tests.Execution;

/// <summary>
/// The result digests of the privacy vector file (docs/cryptography.md §11, written there from the document alone):
/// <see cref="ResultDigestEncoding"/> reproduces each, for public and private results, traps and ABI errors.
/// </summary>
public class ResultDigestVectorTests
{
    [Fact]
    public void The_encoding_reproduces_every_result_digest_vector()
    {
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(
            Repository.PathOf("tests", "Paraloom.Privacy.Tests", "Vectors", "privacy-vectors-v1.json")));
        JsonElement[] vectors = [.. file.RootElement.GetProperty("resultDigests").EnumerateArray()];
        Assert.Equal(5, vectors.Length);
        foreach (JsonElement vector in vectors)
        {
            ResultDigest? fingerprint = vector.TryGetProperty("fingerprint", out JsonElement value) ? ResultDigest.Parse(value.GetString()!) : null;
            ResultDigest digest = ResultDigestEncoding.Compute(
                (ExecutionStatus)vector.GetProperty("status").GetByte(), vector.GetProperty("code").GetUInt32(),
                Convert.FromHexString(vector.GetProperty("output").GetString()!), fingerprint);
            Assert.Equal(vector.GetProperty("digest").GetString(), digest.ToString());
        }
    }
}
