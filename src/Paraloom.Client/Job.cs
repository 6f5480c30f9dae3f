using Paraloom.Privacy;
using Paraloom.Wire;

namespace Paraloom.Client;

/// <summary>
/// A job ready to submit, made by <see cref="Builder"/>. A private job holds its input only sealed, with the
/// commitment and ownership proof bound to <see cref="Id"/>, and its job key until it is submitted: the client
/// that submits it takes the key, and the job's hand-out key that signs hand-outs, to hand it out to each cohort.
/// Neither the requester's secret nor the plaintext stays in it. Disposing a job never submitted zeroes its keys.
/// </summary>
public sealed class Job : IDisposable
{
    private readonly SubmitJobRequest _request;
    private KeptJobKeys? _jobKey;

    internal Job(SubmitJobRequest request, PublicKey requester, JobLimits limits, KeptJobKeys? jobKey)
    {
        _request = request;
        Requester = requester;
        Limits = limits;
        _jobKey = jobKey;
    }

    /// <summary>The id the requester chose (a fresh one unless <see cref="JobBuilder.Id"/> set it).</summary>
    public string Id => _request.JobId;

    /// <summary>True when the input is sealed (<see cref="JobBuilder.PrivateInput"/>).</summary>
    public bool IsPrivate => _request.Private is not null;

    /// <summary>The key that alone may fetch the result.</summary>
    public PublicKey Requester { get; }

    /// <summary>The limits it asks for; null ones take the network's defaults.</summary>
    public JobLimits Limits { get; }

    /// <summary>K: how many validators run the job.</summary>
    public int Replication => _request.Replication ?? JobBuilder.DefaultReplication;

    /// <summary>Starts building a job.</summary>
    public static JobBuilder Builder() => new();

    internal SubmitJobRequest Request => _request;

    /// <summary>Hands the job key over to the client that submitted the job; null for a public job or once taken.</summary>
    internal KeptJobKeys? TakeJobKey() => Interlocked.Exchange(ref _jobKey, null);

    /// <summary>Zeroes the job key of a private job that was never submitted.</summary>
    public void Dispose() => TakeJobKey()?.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"Job({Id}, {(IsPrivate ? "private" : "public")}, K={Replication})";
}
