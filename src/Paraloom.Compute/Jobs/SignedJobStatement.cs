using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>A <see cref="JobStatement"/> with the BIP-340 signature its requester made over the statement's hash.</summary>
public sealed class SignedJobStatement
{
    public SignedJobStatement(JobStatement statement, SchnorrSignature signature)
    {
        Statement = statement ?? throw new ArgumentNullException(nameof(statement));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
    }

    public JobStatement Statement { get; }

    public SchnorrSignature Signature { get; }

    /// <summary>True when the statement's own requester signed it.</summary>
    public bool IsSignedByRequester => Statement.Requester.Verify(Statement.Hash(), Signature);

    /// <summary>Parses a statement's canonical encoding and its signature (not yet checked: <see cref="IsSignedByRequester"/>).</summary>
    /// <exception cref="FormatException">Either is malformed.</exception>
    public static SignedJobStatement FromBytes(ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature)
        => new(JobStatement.FromBytes(statement), SchnorrSignature.FromBytes(signature));

    public override string ToString() => $"Signed{Statement}";
}
