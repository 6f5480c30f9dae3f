using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// A job ready to submit, made by <see cref="Builder"/>. A private job holds its input only sealed, with the
/// commitment and ownership proof bound to <see cref="Id"/>, and its job key until it is submitted: the client
/// that submits it takes the key, and the job's hand-out key that signs hand-outs, to hand it out to each cohort.
/// Every job carries the <see cref="Statement"/> its requester signed at <see cref="JobBuilder.Build"/>.
/// Neither the requester's secret nor the plaintext stays in it. Disposing a job never submitted zeroes its keys.
/// </summary>
public sealed class Job : IDisposable
{
    private KeptJobKeys? _jobKey;

    internal Job(
        SignedJobStatement statement, byte[] module, byte[]? publicInput, PrivateJobInput? sealedInput, JobLimits limits,
        KeptJobKeys? jobKey)
    {
        Statement = statement;
        Id = statement.Statement.JobId.Value;
        Module = module;
        PublicInput = publicInput;
        SealedInput = sealedInput;
        Limits = limits;
        _jobKey = jobKey;
    }

    /// <summary>The id the requester chose (a fresh one unless <see cref="JobBuilder.Id"/> set it).</summary>
    public string Id { get; }

    /// <summary>True when the input is sealed (<see cref="JobBuilder.PrivateInput"/>).</summary>
    public bool IsPrivate => SealedInput is not null;

    /// <summary>The key that alone may fetch the result.</summary>
    public PublicKey Requester => Statement.Statement.Requester;

    /// <summary>What the requester signed: id, module, input (or commitment and nonce), key, limits, K and expiry.</summary>
    public SignedJobStatement Statement { get; }

    /// <summary>The limits it asks for; null ones take the network's defaults.</summary>
    public JobLimits Limits { get; }

    /// <summary>K: how many validators run the job.</summary>
    public int Replication => Statement.Statement.Replication;

    /// <summary>Starts building a job.</summary>
    public static JobBuilder Builder() => new();

    internal byte[] Module { get; }

    /// <summary>A public job's input; null for a private job.</summary>
    internal byte[]? PublicInput { get; }

    /// <summary>A private job's sealed input with its commitment, proofs and hand-out key; null for a public job.</summary>
    internal PrivateJobInput? SealedInput { get; }

    /// <summary>Hands the job key over to the client that submitted the job; null for a public job or once taken.</summary>
    internal KeptJobKeys? TakeJobKey() => Interlocked.Exchange(ref _jobKey, null);

    /// <summary>Zeroes the job key of a private job that was never submitted.</summary>
    public void Dispose() => TakeJobKey()?.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"Job({Id}, {(IsPrivate ? "private" : "public")}, K={Replication})";
}
