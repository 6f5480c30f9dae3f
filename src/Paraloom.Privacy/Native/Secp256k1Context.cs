using System.Security.Cryptography;

namespace Paraloom.Privacy.Native;

/// <summary>
/// The one libsecp256k1 context of the process, randomised at creation with 32 CSPRNG bytes so the blinding of
/// its constant-time k·G multiplication is unknown to an attacker measuring power or timing. Every call this
/// library makes takes it as a const context, which libsecp256k1 allows from any number of threads at once;
/// it is never re-randomised (that call alone would need exclusive access) and lives as long as the process.
/// </summary>
internal static unsafe class Secp256k1Context
{
    public static nint Handle { get; } = Create();

    private static nint Create()
    {
        nint context = LibSecp256k1.ContextCreate(LibSecp256k1.ContextNone);
        if (context == 0) throw new InvalidOperationException("libsecp256k1 could not create a context.");
        byte* seed = stackalloc byte[32];
        var seedSpan = new Span<byte>(seed, 32);
        try
        {
            RandomNumberGenerator.Fill(seedSpan);
            if (LibSecp256k1.ContextRandomize(context, seed) != 1)
                throw new InvalidOperationException("libsecp256k1 refused to randomise its context.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seedSpan);
        }
        return context;
    }
}
