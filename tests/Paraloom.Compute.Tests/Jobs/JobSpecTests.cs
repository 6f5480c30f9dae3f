using System.Security.Cryptography;

namespace Paraloom.Compute.Tests.Jobs;

public class JobSpecTests
{
    [Fact]
    public void A_public_spec_copies_its_bytes_and_hashes_the_module()
    {
        byte[] module = [0, 97, 115, 109, 1, 0, 0, 0];
        byte[] input = [7, 8];
        var spec = JobSpec.Public(JobId.Parse("j1"), module, input);
        module[0] = 42;
        input[0] = 42;

        Assert.Equal(0, spec.Module.Span[0]);
        Assert.Equal(7, spec.Input.Span[0]);
        Assert.Equal(SHA256.HashData(spec.Module.Span), spec.ModuleHash.ToArray());
        Assert.Equal(3, spec.Replication);
        Assert.Same(ResourceLimits.Default, spec.Limits);
    }

    [Fact]
    public void Replication_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JobSpec.Public(JobId.New(), [1], [], replication: 0));
    }
}
