using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// What a client keeps of a private job it submitted, in memory only: the job key (to wrap it to each cohort) and the
/// job's hand-out key (to sign each hand-out). Neither is the requester's secret; the hand-out key signs nothing but
/// this job's hand-outs.
/// </summary>
internal sealed class KeptJobKeys(PrivateJobContext context, JobKey jobKey, SecretKey handOutKey) : IDisposable
{
    /// <summary>The job's public facts as the client stated them at submission: never taken from the silo.</summary>
    public PrivateJobContext Context { get; } = context;

    public JobKey JobKey { get; } = jobKey;

    public SecretKey HandOutKey { get; } = handOutKey;

    public void Dispose()
    {
        JobKey.Dispose();
        HandOutKey.Dispose();
    }
}
