namespace Paraloom.Compute.PrivateJobs;

/// <summary>
/// A validator refused to run a private job: the proof, the wrapped key or the sealed input did not hold.
/// A refusal is not a vote. The message names the failed check and nothing secret.
/// </summary>
public sealed class PrivateJobRefusedException : Exception
{
    public PrivateJobRefusedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
