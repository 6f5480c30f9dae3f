using Paraloom.Compute.Execution.Scripts;
using Paraloom.Wasm.Tests.Support;
using Xunit.Abstractions;

namespace Paraloom.Wasm.Tests.Spec;

/// <summary>
/// One test per .wast file of the WebAssembly 2.0 core suite (SIMD excluded), run through the production path:
/// admission gate, instrumentation, the sandbox's Wasmtime configuration (on the on-demand allocator, since a script
/// links hundreds of instances in one store; the compiled code is the same).
/// </summary>
public sealed class SpecScriptTests(SpecTotals totals, ITestOutputHelper output) : IClassFixture<SpecTotals>
{
    public static IEnumerable<object[]> Files() => SpecSuite.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Script_passes(string file)
    {
        var result = ScriptRunner.Run(SpecSuite.JsonFor(file), Sandbox.ScriptEngine);
        var unexpected = result.Failures.Where(f => !ExpectedFailures.Contains(file, LineOf(f))).ToList();
        var expectedFailures = result.Failed - unexpected.Count;
        totals.Add(result.Passed, unexpected.Count, expectedFailures, result.Skipped);

        output.WriteLine($"{file}: {result.Passed} passed, {unexpected.Count} failed, {expectedFailures} expected failures, skipped: " +
                         string.Join(", ", result.Skipped.Select(s => $"{s.Value} {s.Key}")));
        foreach (var failure in result.Failures) output.WriteLine(failure);
        Assert.True(result.Total > 0, $"{file}: no commands ran");
        Assert.True(unexpected.Count == 0, $"{file}: {unexpected.Count} failures:\n{string.Join('\n', unexpected.Take(30))}");
    }

    private static int LineOf(string failure) =>
        failure.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(failure.AsSpan(5, failure.IndexOf(':') - 5), out var line) ? line : -1;
}
