using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Client;

/// <summary>How to reach the service, and how soon to poll it when its events stop; bound by <c>services.AddParaloomClient(…)</c>.</summary>
public sealed class ParaloomClientOptions
{
    /// <summary>HTTP (default) or the Orleans gateway.</summary>
    public ParaloomTransport Transport { get; set; } = ParaloomTransport.Http;

    /// <summary>The silo's URL, e.g. http://127.0.0.1:5700; needed by the HTTP transport only.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Waiting follows the job's pushed events; when their stream breaks it polls the status once, waits this long and
    /// watches again (default 250 ms).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The network authority's public key. When set, every result is checked against its receipt before it is returned
    /// (<see cref="UnverifiedResultException"/> otherwise): what the silo, or anything between, says is trusted no further
    /// than the authority and a threshold of the cohort it certified. A private job's key is wrapped only to cohort members
    /// whose certificates verify under it (<see cref="UnverifiedAnswerException"/> otherwise).
    /// </summary>
    public PublicKey? NetworkKey { get; set; }

    /// <summary>
    /// The network's revocations the requester knows of (<c>paraloom validators revoke</c> writes them; read one with
    /// <see cref="ValidatorRevocationFile.Read"/>). With <see cref="NetworkKey"/> set, a revoked validator's vote does not count
    /// toward a receipt's threshold and no job key is wrapped to a revoked cohort member; revocations by another authority,
    /// or whose signature does not verify, revoke nothing.
    /// </summary>
    public IList<ValidatorRevocation> Revocations { get; } = [];
}
