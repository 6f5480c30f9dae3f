using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Wire;

namespace Paraloom.Client;

/// <summary>
/// A job ready to submit, made by <see cref="Builder"/>. A private job holds its input only sealed, with the
/// commitment and ownership proof bound to <see cref="Id"/>: no secret and no plaintext stays in it.
/// </summary>
public sealed class Job
{
    private readonly SubmitJobRequest _request;

    internal Job(SubmitJobRequest request, PublicKey requester, ResourceLimits limits)
    {
        _request = request;
        Requester = requester;
        Limits = limits;
    }

    /// <summary>The id the requester chose (a fresh one unless <see cref="JobBuilder.Id"/> set it).</summary>
    public string Id => _request.JobId;

    public bool IsPrivate => _request.Private is not null;

    /// <summary>The key that alone may fetch the result.</summary>
    public PublicKey Requester { get; }

    public ResourceLimits Limits { get; }

    /// <summary>K: how many validators run the job.</summary>
    public int Replication => _request.Replication ?? JobSpec.DefaultReplication;

    public static JobBuilder Builder() => new();

    internal SubmitJobRequest Request => _request;

    public override string ToString() => $"Job({Id}, {(IsPrivate ? "private" : "public")}, K={Replication})";
}
