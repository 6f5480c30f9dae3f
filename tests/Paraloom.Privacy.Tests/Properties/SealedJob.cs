using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>One private job with everything made for it: proof, sealed input, key wrapped to a validator, sealed output.</summary>
internal sealed class SealedJob : IDisposable
{
    public const int Attempt = 1;

    public SealedJob()
    {
        JobKey = JobKey.CreateNew(Job.Requester, out _);
        Proof = OwnershipProof.Create(Job.Requester, Job.Value, Job.Blinding, Job.Context());
        SealedInput = CommittedInput.Seal(JobKey, Job.Job, Job.Blinding, Job.Input);
        Wrapped = KeyWrap.Wrap(JobKey, Validator.PublicKey, Job.Job);
        SealedOutput = OutputSealer.Seal(JobKey, Job.Job, Attempt, Output);
    }

    public JobFixture Job { get; } = new();
    public SecretKey Validator { get; } = SecretKey.Generate();
    public JobKey JobKey { get; }
    public OwnershipProof Proof { get; }
    public SealedInput SealedInput { get; }
    public WrappedJobKey Wrapped { get; }
    public byte[] Output { get; } = "{\"mean\":5366}"u8.ToArray();
    public SealedOutput SealedOutput { get; }

    public void Dispose()
    {
        JobKey.Dispose();
        Validator.Dispose();
        Job.Dispose();
    }
}
