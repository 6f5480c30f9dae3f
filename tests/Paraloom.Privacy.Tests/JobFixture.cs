using System.Security.Cryptography;

namespace Paraloom.Privacy.Tests;

/// <summary>A requester with a committed private input and the job binding built from it.</summary>
internal sealed class JobFixture : IDisposable
{
    public JobFixture(string jobId = "job-0001", byte[]? input = null)
    {
        Input = input ?? "{\"salaries\":[5100,4800,6200]}"u8.ToArray();
        Value = CommitmentValue.OfData(Input);
        Blinding = Blinding.Random();
        Commitment = PedersenCommitment.Commit(Value, Blinding);
        ModuleHash = SHA256.HashData("(module)"u8);
        Job = new JobBinding(jobId, ModuleHash, Commitment, Requester.PublicKey);
    }

    public SecretKey Requester { get; } = SecretKey.Generate();
    public byte[] Input { get; }
    public CommitmentValue Value { get; }
    public Blinding Blinding { get; }
    public PedersenCommitment Commitment { get; }
    public byte[] ModuleHash { get; }
    public JobBinding Job { get; }

    public OwnershipContext Context(string purpose = "submit") => new(Job, purpose);

    public void Dispose() => Requester.Dispose();
}
