using System.Security.Cryptography;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Compute.Tests.Support;

/// <summary>A private job built as a requester would: commitment, sealed input, proof, and keys wrapped to validators.</summary>
internal sealed class PrivateJobFixture : IDisposable
{
    /// <param name="sealedInput">What is sealed, when a dishonest requester seals something other than <paramref name="input"/>.</param>
    public PrivateJobFixture(byte[] module, byte[] input, JobId? id = null, ResourceLimits? limits = null, byte[]? sealedInput = null)
    {
        Requester = SecretKey.Generate();
        Id = id ?? JobId.New();
        var value = CommitmentValue.OfData(input);
        var blinding = Blinding.Random();
        var commitment = PedersenCommitment.Commit(value, blinding);
        Binding = PrivateEnvelope.CreateBinding(Id, SHA256.HashData(module), commitment, Requester.PublicKey);
        JobKey = JobKey.CreateNew(Requester, out _);
        var proof = OwnershipProof.Create(Requester, value, blinding, PrivateEnvelope.CreateOwnershipContext(Binding));
        Envelope = new PrivateEnvelope(CommittedInput.Seal(JobKey, Binding, blinding, sealedInput ?? input), commitment, Requester.PublicKey, proof);
        Job = JobSpec.Private(Id, module, Envelope, limits);
    }

    public SecretKey Requester { get; }

    public JobId Id { get; }

    public JobBinding Binding { get; }

    public JobKey JobKey { get; }

    public PrivateEnvelope Envelope { get; }

    public JobSpec Job { get; }

    public WrappedJobKey WrapFor(SecretKey validator) => KeyWrap.Wrap(JobKey, validator.PublicKey, Binding);

    public byte[] Decrypt(ReadOnlyMemory<byte> sealedOutput, int attempt) =>
        OutputSealer.Open(JobKey, Binding, attempt, SealedOutput.FromBytes(sealedOutput.Span));

    public void Dispose()
    {
        JobKey.Dispose();
        Requester.Dispose();
    }
}
