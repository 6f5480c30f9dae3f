namespace Paraloom.Privacy;

/// <summary>
/// Bytes or text that are not a valid encoding of a key, signature, commitment, proof or key file:
/// wrong length, not hex, a scalar out of range, a point off the curve or at infinity.
/// </summary>
public sealed class InvalidEncodingException : FormatException
{
    public InvalidEncodingException(string message) : base(message)
    {
    }
}
