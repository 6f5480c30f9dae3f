using Paraloom.Compute;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Silo.Api;

/// <summary>
/// The largest submission body the network caps leave room for: a module and a sealed input at their caps, base64
/// in JSON, and the other fields. A larger body cannot be a job the silo would take, so it is refused with 413 as
/// soon as its length shows it (before it is read when it declares a Content-Length), never buffered whole and
/// refused afterwards.
/// </summary>
internal static class SubmissionBodyLimit
{
    /// <summary>Ids, keys, commitment, proof, signatures and limits in hex or numbers, and JSON's punctuation.</summary>
    private const int OtherFieldsBytes = 16 * 1024;

    public static long For(SiloOptions options)
    {
        var caps = options.Caps.ToNetworkCaps();
        var fitsTheCaps = Base64Length(caps.MaxModuleBytes) + Base64Length((long)caps.MaxInputBytes + CommittedInput.Overhead) + OtherFieldsBytes;
        return Math.Min(options.MaxRequestBodyBytes, fitsTheCaps);
    }

    private static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;
}
