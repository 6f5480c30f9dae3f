using System.CommandLine;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom compute verify FILE --network-key K</c>: checks a job receipt offline, with no silo, under the network
/// authority's key alone, and prints one line: what the receipt proves, or why it proves nothing.
/// </summary>
internal static class ComputeVerifyCommand
{
    public const string NetworkKeyVariable = "PARALOOM_NETWORK_KEY";

    public static Command Create()
    {
        var receiptFile = new Argument<FileInfo>("FILE") { Description = "The receipt, as 'compute result --receipt' wrote it" };
        var networkKey = NetworkKeyOption();
        var outputFile = new Option<FileInfo>("--output")
        {
            Description = "The output received (a private job's sealed output): its digest must be the one the cohort signed",
            HelpName = "FILE",
        };
        var revokedFiles = new Option<FileInfo[]>("--revoked")
        {
            Description = "A validator revocation (paraloom validators revoke) the verdict takes into account: a vote of a validator revoked "
                + "by the statement's expiry is not counted; repeat it for each",
            HelpName = "FILE",
        };
        var command = new Command("verify", "Check a job receipt offline under the network's key; exit 1 if it proves nothing")
        {
            receiptFile, networkKey, outputFile, revokedFiles,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute verify", parse.InvocationConfiguration.Error, async () =>
        {
            var authority = ParseNetworkKey(parse.GetValue(networkKey)!);
            var encoded = await InputFiles.ReadAsync("FILE", parse.GetValue(receiptFile)!, cancellationToken);
            var output = parse.GetValue(outputFile) is { } file ? await InputFiles.ReadAsync("--output", file, cancellationToken) : null;
            var revocations = Revocations(parse.GetValue(revokedFiles) ?? [], authority, parse.InvocationConfiguration.Error);
            JobReceipt receipt;
            try
            {
                receipt = JobReceipt.FromBytes(encoded);
            }
            catch (FormatException malformed)
            {
                throw new InvalidReceiptException($"not a receipt: {malformed.Message}");
            }
            if (receipt.ProblemUnder(authority, output: output, checkOutput: output is not null, revocations: revocations) is { } problem)
            {
                throw new InvalidReceiptException($"the receipt of job {receipt.Statement.Statement.JobId} proves nothing: {problem}");
            }
            parse.InvocationConfiguration.Output.WriteLine(Verdict(receipt, authority, output is not null, revocations.Count));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The revocations in <paramref name="files"/> that <paramref name="authority"/> issued. Another's revokes nothing, so it
    /// is left out, with a warning: the verdict must not depend on who wrote a file, and the user should know it counted not.
    /// </summary>
    private static List<ValidatorRevocation> Revocations(IEnumerable<FileInfo> files, PublicKey authority, TextWriter warnings)
    {
        var revocations = new List<ValidatorRevocation>();
        foreach (var file in files)
        {
            ValidatorRevocation revocation;
            try
            {
                revocation = ValidatorRevocationFile.Read(file.FullName);
            }
            catch (Exception unreadable) when (unreadable is FormatException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--revoked: {unreadable.Message}");
            }
            if (revocation.ProblemUnder(authority) is { } problem)
            {
                warnings.WriteLine($"paraloom compute verify: {file.FullName} revokes nothing under this network key: {problem}");
                continue;
            }
            revocations.Add(revocation);
        }
        return revocations;
    }

    private static string Verdict(JobReceipt receipt, PublicKey authority, bool outputChecked, int revocations)
    {
        var statement = receipt.Statement.Statement;
        var outcome = receipt.Status switch
        {
            ExecutionStatus.Trap => $"Trap ({(TrapCode)receipt.Code})",
            ExecutionStatus.AbiError => $"AbiError ({(AbiErrorKind)receipt.Code})",
            _ => outputChecked ? "Ok, the output given" : "Ok",
        };
        return $"valid: job {statement.JobId} attempt {receipt.Attempt} ended {outcome}, {receipt.FuelUsed} fuel, K={statement.Replication}, " +
            $"{receipt.Votes.Count} certified votes of profile {receipt.Profile} under network key {authority.ToHex()}"
            + (revocations == 0 ? "" : $", knowing {revocations} revocation{(revocations == 1 ? "" : "s")}");
    }

    /// <summary>The network authority's key, for a command that checks receipts offline (read it with <see cref="ParseNetworkKey"/>).</summary>
    public static Option<string> NetworkKeyOption() => new("--network-key")
    {
        Description = $"The network authority's public key: hex, or its .pub file; ${NetworkKeyVariable} when set",
        HelpName = "K",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(NetworkKeyVariable) ?? "",
    };

    /// <summary>The key as hex, or read from an authority.pub file.</summary>
    public static PublicKey ParseNetworkKey(string value)
    {
        if (value.Length == 0)
        {
            throw new UsageException($"--network-key is required (or ${NetworkKeyVariable}): the network authority's public key.");
        }
        if (File.Exists(value))
        {
            return KeyFile.ReadPublicKey(value);
        }
        try
        {
            return PublicKey.FromHex(value);
        }
        catch (InvalidEncodingException)
        {
            throw new UsageException($"--network-key: '{value}' is neither a public key in hex nor a key file.");
        }
    }
}
