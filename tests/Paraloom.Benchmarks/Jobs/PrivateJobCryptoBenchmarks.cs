using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// The cryptography of one private K = 3 job, without the runtime or the engine: what bounds throughput from
/// above. Each benchmark is one party's share; <c>WholeJob</c> is their sum on one core.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*PrivateJobCryptoBenchmarks*'</remarks>
public class PrivateJobCryptoBenchmarks
{
    private const int Cohort = 3;
    private const string JobId = "crypto-bench";
    private const string Profile = "wasmtime/bench";
    private static readonly VoteSubject Subject = new(JobId, 1, new byte[32], new byte[32]);

    private readonly byte[] _module = Repository.Program("echo");
    private readonly byte[] _input = new byte[64];
    private readonly SecretKey _requester = SecretKey.Generate();
    private readonly SecretKey[] _validators = [.. Enumerable.Range(0, Cohort).Select(_ => SecretKey.Generate())];
    private PrivateJobInput _sealed = null!;
    private PrivateJobContext _context = null!;
    private IReadOnlyDictionary<string, WrappedJobKey> _keys = null!;
    private CohortMember[] _members = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sealed = PrivateJobInput.Seal(JobId, _module, _input, _requester);
        _context = new PrivateJobContext(JobId, SHA256.HashData(_module), _sealed.InputCommitment, _requester.PublicKey, _sealed.Nonce);
        _members = [.. _validators.Select((key, i) => new CohortMember($"v{i}", key.PublicKey))];
        _keys = _context.WrapKeyFor(_requester, _members);
    }

    /// <summary>Commitment, ownership proof, sealed input, K key wraps, the result signature and the output's opening.</summary>
    [Benchmark]
    public byte[] Requester()
    {
        var input = PrivateJobInput.Seal(JobId, _module, _input, _requester);
        _ = _context.WrapKeyFor(_requester, _members);
        _ = ResultAuthorization.Sign(_requester, JobId, new byte[ResultChallenge.Size]);
        using var key = _context.DeriveKey(_requester);
        var output = OutputSealer.Seal(key, _context.Binding, 1, _input);
        _ = input;
        return OutputSealer.Open(key, _context.Binding, 1, output);
    }

    /// <summary>The coordinator: the proof check at submission, K vote signatures and the result signature.</summary>
    [Benchmark]
    public bool Service()
    {
        var ok = _sealed.OwnershipProof.Verify(_context.OwnershipContext);
        var vote = SignedVote.Sign(_validators[0], Subject, "v0", ExecutionStatus.Ok, 0, _input, 1000, Profile);
        for (var i = 0; i < Cohort; i++)
        {
            ok &= vote.VerifySignature(_validators[0].PublicKey);
        }
        var challenge = new byte[ResultChallenge.Size];
        var signature = ResultAuthorization.Sign(_requester, JobId, challenge);
        return ok & ResultAuthorization.Verify(_requester.PublicKey, JobId, challenge, signature);
    }

    /// <summary>
    /// One cohort member: proof check, key unwrap, input opening with its commitment check, output sealing and the
    /// vote signature.
    /// </summary>
    [Benchmark]
    public SignedVote Validator()
    {
        _ = _sealed.OwnershipProof.Verify(_context.OwnershipContext);
        using var key = KeyWrap.Unwrap(_keys["v0"], _validators[0], _context.Binding);
        var input = CommittedInput.Open(_sealed.SealedInput, key, _context.Binding);
        var output = OutputSealer.Seal(key, _context.Binding, 1, input).ToBytes();
        return SignedVote.Sign(_validators[0], Subject, "v0", ExecutionStatus.Ok, 0, output, 1000, Profile);
    }

    /// <summary>Everything one job costs in cryptography: requester, service and K validators, on one core.</summary>
    [Benchmark]
    public void WholeJob()
    {
        Requester();
        Service();
        for (var i = 0; i < Cohort; i++)
        {
            Validator();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _requester.Dispose();
        foreach (var key in _validators)
        {
            key.Dispose();
        }
    }
}
