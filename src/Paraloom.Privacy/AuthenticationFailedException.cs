using System.Security.Cryptography;

namespace Paraloom.Privacy;

/// <summary>
/// Sealed data did not authenticate: the wrong key, the wrong job binding, or ciphertext that was truncated
/// or altered. Deliberately says nothing more, and no plaintext is ever returned alongside it.
/// </summary>
public sealed class AuthenticationFailedException : CryptographicException
{
    public AuthenticationFailedException(string what)
        : base($"The {what} failed authentication: wrong key, wrong job binding, or corrupted data.")
    {
    }
}
