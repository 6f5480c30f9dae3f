using Paraloom.Wasm.Scripts;
using Xunit.Abstractions;

namespace Paraloom.Wasm.Tests.Spec;

/// <summary>One test per .wast file of the WebAssembly 2.0 core suite (SIMD excluded) and execution tier.</summary>
public sealed class SpecScriptTests(SpecTotals totals, ITestOutputHelper output) : IClassFixture<SpecTotals>
{
    public static IEnumerable<object[]> Files() =>
        from file in SpecSuite.Files()
        from tier in Enum.GetValues<ExecutionTier>()
        select new[] { file[0], tier };

    [Theory]
    [MemberData(nameof(Files))]
    public void Script_passes(string file, ExecutionTier tier)
    {
        var result = ScriptRunner.Run(SpecSuite.JsonFor(file), new Engine(new EngineConfig { Tier = tier }));
        var unexpected = result.Failures.Where(f => !ExpectedFailures.Contains(file, LineOf(f))).ToList();
        var expectedFailures = result.Failed - unexpected.Count;
        totals.Add(result.Passed, unexpected.Count, expectedFailures, result.Skipped);

        output.WriteLine($"{file} ({tier}): {result.Passed} passed, {unexpected.Count} failed, {expectedFailures} expected failures, " +
                         $"{result.Skipped} skipped (text format: binary-only engine)");
        foreach (var failure in result.Failures) output.WriteLine(failure);
        Assert.True(result.Total > 0, $"{file}: no commands ran");
        Assert.True(unexpected.Count == 0, $"{file}: {unexpected.Count} failures:\n{string.Join('\n', unexpected.Take(30))}");
    }

    private static int LineOf(string failure) =>
        failure.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(failure.AsSpan(5, failure.IndexOf(':') - 5), out var line) ? line : -1;
}
