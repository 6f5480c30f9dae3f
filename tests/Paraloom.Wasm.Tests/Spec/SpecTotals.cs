using Xunit.Abstractions;
using Xunit.Sdk;

namespace Paraloom.Wasm.Tests.Spec;

/// <summary>Adds up the per-file results and reports the suite's totals when the collection finishes.</summary>
public sealed class SpecTotals : IDisposable
{
    private readonly IMessageSink _sink;
    private readonly Lock _lock = new();
    private int _files;
    private int _passed;
    private int _failed;
    private int _expected;
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);

    public SpecTotals(IMessageSink sink) => _sink = sink;

    public void Add(int passed, int failed, int expectedFailures, IReadOnlyDictionary<string, int> skipped)
    {
        lock (_lock)
        {
            _files++;
            _passed += passed;
            _failed += failed;
            _expected += expectedFailures;
            foreach (var (category, count) in skipped) _skipped[category] = _skipped.GetValueOrDefault(category) + count;
        }
    }

    public void Dispose() => _sink.OnMessage(new DiagnosticMessage(
        $"wasm spec suite: {_files} files, {_passed} passed, {_failed} failed, {_expected} expected failures, skipped: " +
        (_skipped.Count == 0 ? "none" : string.Join(", ", _skipped.Select(s => $"{s.Value} {s.Key}")))));
}
