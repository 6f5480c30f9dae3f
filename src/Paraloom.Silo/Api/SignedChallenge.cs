using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Silo.Api;

/// <summary>
/// A fresh challenge's nonce and the signature over it, as the signed requests (result, cancel, note proof, account read)
/// carry them in hex; the grain that issued the challenge knows its expiry and checks the signature.
/// </summary>
internal static class SignedChallenge
{
    /// <exception cref="ApiProblemException">Either field is missing or not hex of its size (400).</exception>
    public static (ResultChallenge Challenge, SchnorrSignature Signature) Parse(string? challenge, string? signature) =>
        (new ResultChallenge(HexField.Parse("challenge", challenge, ResultChallenge.Size), DateTimeOffset.MaxValue),
            SchnorrSignature.FromBytes(HexField.Parse("signature", signature, SchnorrSignature.Size)));
}
