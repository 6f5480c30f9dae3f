namespace Paraloom.Compute;

/// <summary>A job the service refuses at submission, with a reason fit to show the requester.</summary>
public sealed class JobRejectedException : Exception
{
    public JobRejectedException(AdmissionFailure failure, string reason)
        : base(reason)
    {
        Failure = failure;
    }

    public AdmissionFailure Failure { get; }
}
