namespace Paraloom.Privacy;

/// <summary>One entry of a batch for <see cref="SchnorrSignature.VerifyBatch"/>: who signed what.</summary>
public readonly record struct SignedMessage(PublicKey Signer, ReadOnlyMemory<byte> Message, SchnorrSignature Signature);
