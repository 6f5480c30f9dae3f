using System.Security.Cryptography;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// A sealed input opened, but the job's input commitment does not commit to what it holds: the requester
/// committed to one input and sealed another. The message names the job, never the input.
/// </summary>
public sealed class InputCommitmentMismatchException : CryptographicException
{
    public InputCommitmentMismatchException(string jobId)
        : base($"Job {jobId}: the sealed input is not the value the input commitment commits to.")
    {
    }
}
