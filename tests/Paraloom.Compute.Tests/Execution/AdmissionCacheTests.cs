using Paraloom.Compute.Execution;
using Paraloom.Wasm;

namespace Paraloom.Compute.Tests.Execution;

/// <summary>The admission result is made once per module hash; refused modules are refused every time.</summary>
public sealed class AdmissionCacheTests
{
    [Fact]
    public void A_module_seen_before_is_not_admitted_again()
    {
        using var engine = new SandboxEngine();
        var first = engine.AdmitOnce(Repository.Program("echo"));
        var again = engine.AdmitOnce(Repository.Program("echo"));
        var other = engine.AdmitOnce(Repository.Program("sum"));

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.False(first.Sha256.SequenceEqual(other.Sha256));
    }

    [Fact]
    public void A_refused_module_is_refused_each_time()
    {
        using var engine = new SandboxEngine();
        var truncated = Repository.Program("echo")[..20];

        Assert.Throws<ModuleException>(() => engine.AdmitOnce(truncated));
        Assert.Throws<ModuleException>(() => engine.AdmitOnce(truncated));
    }
}
