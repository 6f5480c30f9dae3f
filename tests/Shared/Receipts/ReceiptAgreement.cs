using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Testing;

/// <summary>
/// Shows the C# verifier and the Node verifier (tools/receipt-verifier) the same receipts, offline and against an
/// output, and collects every case where their verdicts differ.
/// </summary>
internal static class ReceiptAgreement
{
    /// <summary>
    /// The genuine receipt, one byte more and one less, and each field of its layout changed (its last byte flipped) under
    /// the old signatures; with keys given, each such change signed again too (the statement by the requester, the
    /// certificates by the authority, the votes by their members), so the decoders' rules on values are compared, not
    /// only the signatures.
    /// </summary>
    public static Dictionary<string, byte[]> SingleFieldCases(
        byte[] genuine, SecretKey? requester = null, SecretKey? authority = null, IReadOnlyCollection<SecretKey>? members = null)
    {
        var cases = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["genuine"] = genuine,
            ["trailing-byte"] = [.. genuine, 0],
            ["truncated"] = genuine[..^1],
        };
        foreach (var (field, end) in RawReceipt.Parse(genuine).Write().Fields)
        {
            var changed = (byte[])genuine.Clone();
            changed[end - 1] ^= 0x01;
            cases[$"changed-{field}"] = changed;
            if (requester is not null && TryParse(changed) is { } raw)
            {
                cases[$"re-signed-{field}"] = raw.SignedAgain(requester, authority, members ?? []).ToBytes();
            }
        }
        return cases;
    }

    /// <summary>The C# verdict: null when the receipt proves its result (and <paramref name="output"/>, when given).</summary>
    public static string? CSharpProblem(byte[] receipt, PublicKey authority, byte[]? output)
    {
        try
        {
            return JobReceipt.FromBytes(receipt).ProblemUnder(authority, output: output, checkOutput: output is not null);
        }
        catch (FormatException malformed)
        {
            return malformed.Message;
        }
    }

    /// <summary>
    /// Every case on which the two verifiers disagree, offline and (when given) against <paramref name="output"/>; also
    /// returns Node's verdicts offline, for assertions on particular cases.
    /// </summary>
    public static (List<string> Disagreements, IReadOnlyDictionary<string, (bool Valid, string Line)> Offline) Compare(
        IReadOnlyDictionary<string, byte[]> cases, PublicKey authority, byte[]? output = null)
    {
        var disagreements = new List<string>();
        var offline = IndependentVerifier.Check("receipt", cases, "--network-key", authority.ToHex());
        Collect(cases, offline, authority, null, disagreements);
        if (output is not null)
        {
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(file, output);
                var checkedAgainstOutput = IndependentVerifier.Check("receipt", cases, "--network-key", authority.ToHex(), "--output", file);
                Collect(cases, checkedAgainstOutput, authority, output, disagreements);
            }
            finally
            {
                File.Delete(file);
            }
        }
        return (disagreements, offline);
    }

    private static void Collect(
        IReadOnlyDictionary<string, byte[]> cases, IReadOnlyDictionary<string, (bool Valid, string Line)> node, PublicKey authority,
        byte[]? output, List<string> disagreements)
    {
        foreach (var (name, bytes) in cases)
        {
            var ours = CSharpProblem(bytes, authority, output);
            if ((ours is null) != node[name].Valid)
            {
                disagreements.Add($"{name}{(output is null ? "" : " (with output)")}: C# {ours ?? "valid"}; Node {node[name].Line}");
            }
        }
    }

    private static RawReceipt? TryParse(byte[] bytes)
    {
        try
        {
            return RawReceipt.Parse(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
