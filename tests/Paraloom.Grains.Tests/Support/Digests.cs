using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains.Tests.Support;

/// <summary>The result digests honest validators vote for.</summary>
internal static class Digests
{
    public static ResultDigest Ok(byte[] output) => ResultDigestEncoding.Compute(ExecutionStatus.Ok, 0, output);
}
