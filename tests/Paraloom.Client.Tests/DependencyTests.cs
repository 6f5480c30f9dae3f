using System.Reflection;

namespace Paraloom.Client.Tests;

/// <summary>The SDK is what a .NET service references: the contracts it talks in, never the service's own parts.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void The_sdk_references_the_abstractions_but_never_the_grains_the_sandbox_or_the_silo()
    {
        var reached = ParaloomAssembliesReachedFrom(typeof(ParaloomClient).Assembly.GetName());

        Assert.Contains("Paraloom.Abstractions", reached);
        Assert.Contains("Paraloom.Privacy", reached);
        Assert.DoesNotContain("Paraloom.Grains", reached);
        Assert.DoesNotContain("Paraloom.Sandbox", reached);
        Assert.DoesNotContain("Paraloom.Silo", reached);
        Assert.DoesNotContain("Paraloom.Wasm", reached);
    }

    /// <summary>Every Paraloom assembly the SDK references, directly or through another Paraloom assembly.</summary>
    private static HashSet<string> ParaloomAssembliesReachedFrom(AssemblyName root)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([root]);
        while (pending.TryPop(out var name))
        {
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("Paraloom.", StringComparison.Ordinal) && reached.Add(reference.Name))
                {
                    pending.Push(reference);
                }
            }
        }
        return reached;
    }
}
