using BenchmarkDotNet.Attributes;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Selection;

namespace Paraloom.Benchmarks.Compute;

/// <summary>The coordinator's per-attempt bookkeeping: picking a cohort and tallying its votes.</summary>
[MemoryDiagnoser]
public class AgreementBenchmarks
{
    private readonly CohortSelector _selector = new();
    private ValidatorView[] _validators = [];
    private Vote[] _votes = [];
    private string[] _cohort = [];

    [Params(100, 1000)]
    public int Validators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _validators = Enumerable.Range(0, Validators)
            .Select(i => new ValidatorView($"v{i}", $"silo{i % 10}", i % 4, 4, 300 + i % 700))
            .ToArray();
        var digest = ResultDigest.FromBytes(new byte[32]);
        _cohort = Enumerable.Range(0, 10).Select(i => $"v{i}").ToArray();
        _votes = _cohort.Select(id => new Vote(id, 1, digest, 1000)).ToArray();
    }

    [Benchmark]
    public int SelectCohortOfThree() => _selector.Select(_validators, 3).Length;

    [Benchmark]
    public TallyStatus TallyTenVotes()
    {
        var tally = new VoteTally(_cohort, 1);
        foreach (var vote in _votes)
        {
            tally.Add(vote);
        }
        return tally.Status;
    }
}
