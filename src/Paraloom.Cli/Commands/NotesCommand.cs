using System.CommandLine;
using Paraloom.Client;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom notes</c>: what private results' output notes prove. <c>sum</c> proves, as the requester, that the amount
/// notes of several jobs add up to a total, opening none of them; <c>verify-sum</c> checks such a proof offline against
/// the jobs' receipts, under the network's key.
/// </summary>
internal static class NotesCommand
{
    public static Command Create()
    {
        var notes = new Command("notes", "Prove and check what private results' output notes hold, without opening them");
        notes.Subcommands.Add(Sum());
        notes.Subcommands.Add(VerifySum());
        notes.Subcommands.Add(Prove());
        notes.Subcommands.Add(Verify());
        return notes;
    }

    private static Command Sum()
    {
        var jobs = new Argument<string[]>("JOB") { Description = "The jobs whose amount notes are summed, in this order", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<FileInfo>("--out") { Description = "Write the sum and its proof to this file", HelpName = "FILE", Required = true };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var pinnedKey = PinnedNetworkKey.Option();
        var command = new Command("sum", "Prove that the jobs' amount notes sum to their total, opening none of them (requester only)")
        {
            jobs, outFile, key, server, pinnedKey,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("notes sum", parse.InvocationConfiguration.Error, async () =>
        {
            var path = parse.GetValue(outFile)!.FullName;
            if (Directory.Exists(path))
            {
                throw new UsageException($"--out: {path} is a directory; it needs a file name.");
            }
            var jobIds = parse.GetValue(jobs)!;
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(pinnedKey));
            var notes = new List<ResultNote>();
            foreach (var jobId in jobIds)
            {
                notes.Add(AmountNoteOf(await connection.Client.GetResultAsync(jobId, requester, cancellationToken)));
            }
            var proof = NoteSum.Prove([.. notes.Select(note => note.Opening)]);
            await File.WriteAllTextAsync(path, NoteSumFile.Of(jobIds, [.. notes.Select(note => note.Commitment)], proof).ToJson(), cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"{jobIds.Length} notes sum to {proof.Total}: proof written to {path}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command VerifySum()
    {
        var sumFile = new Argument<FileInfo>("FILE") { Description = "The file 'notes sum' wrote" };
        var receipts = new Option<FileInfo[]>("--receipts")
        {
            Description = "The jobs' receipts, as 'compute result --receipt' wrote them (one per job, in any order)",
            HelpName = "R",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var networkKey = ComputeVerifyCommand.NetworkKeyOption();
        var command = new Command("verify-sum", "Check offline that the jobs' notes, each in a valid receipt, sum to the total; exit 1 if not")
        {
            sumFile, receipts, networkKey,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("notes verify-sum", parse.InvocationConfiguration.Error, async () =>
        {
            var authority = ComputeVerifyCommand.ParseNetworkKey(parse.GetValue(networkKey)!);
            var file = parse.GetValue(sumFile)!;
            var claim = NoteSumFile.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken), file.FullName);
            var notesByJob = new Dictionary<string, NoteCommitment>(StringComparer.Ordinal);
            foreach (var receiptFile in parse.GetValue(receipts)!)
            {
                var (jobId, note) = ProvenNote(await InputFiles.ReadAsync("--receipts", receiptFile, cancellationToken), authority);
                notesByJob[jobId] = note;
            }
            var missing = claim.Jobs.Where(job => !notesByJob.ContainsKey(job)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidReceiptException($"no receipt was given for job {string.Join(", ", missing)}");
            }
            NoteSum proof;
            try
            {
                proof = claim.ParseProof();
            }
            catch (InvalidEncodingException malformed)
            {
                throw new UsageException($"{file.FullName}: {malformed.Message}");
            }
            if (proof.ProblemWith([.. claim.Jobs.Select(job => notesByJob[job])]) is { } problem)
            {
                throw new InvalidNoteSumException($"the sum proves nothing: {problem}");
            }
            parse.InvocationConfiguration.Output.WriteLine(
                $"valid: the amount notes of {claim.Jobs.Count} jobs ({string.Join(", ", claim.Jobs)}) sum to {proof.Total}, " +
                $"each in a receipt that verifies under network key {authority.ToHex()}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Prove()
    {
        var job = new Argument<string>("JOB") { Description = "The private job whose output note is proven" };
        var outFile = new Option<FileInfo>("--out") { Description = "Write the proof to this file (default: standard output)", HelpName = "FILE" };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var pinnedKey = PinnedNetworkKey.Option();
        var command = new Command("prove", "Fetch and check the inclusion proof of the job's note in the note tree (requester only)")
        {
            job, outFile, key, server, pinnedKey,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("notes prove", parse.InvocationConfiguration.Error, async () =>
        {
            var path = parse.GetValue(outFile)?.FullName;
            if (path is not null && Directory.Exists(path))
            {
                throw new UsageException($"--out: {path} is a directory; it needs a file name.");
            }
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(pinnedKey));
            var proof = await connection.Client.GetNoteProofAsync(parse.GetValue(job)!, requester, cancellationToken);
            var json = NoteProofFile.Of(proof).ToJson();
            if (path is null)
            {
                parse.InvocationConfiguration.Output.WriteLine(json);
                return ExitCodes.Ok;
            }
            await File.WriteAllTextAsync(path, json, cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine(
                $"the note of job {proof.JobId} is at position {proof.Position} of {proof.TreeSize}: proof written to {path}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify()
    {
        var proofFile = new Argument<FileInfo>("FILE") { Description = "The file 'notes prove' wrote" };
        var command = new Command("verify", "Check offline that the file's path leads from its note to its root; exit 1 if not") { proofFile };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("notes verify", parse.InvocationConfiguration.Error, async () =>
        {
            var file = parse.GetValue(proofFile)!;
            var proof = NoteProofFile.Parse(System.Text.Encoding.UTF8.GetString(await InputFiles.ReadAsync("FILE", file, cancellationToken)), file.FullName);
            bool verifies;
            try
            {
                verifies = proof.Verifies();
            }
            catch (FormatException malformed)
            {
                throw new UsageException($"{file.FullName}: {malformed.Message}");
            }
            if (!verifies)
            {
                throw new InvalidNoteProofException(
                    $"the proof does not hold: the path does not lead from the note of job {proof.JobId} to root {proof.Root} at a position below {proof.TreeSize}");
            }
            // The root is the service's word until validators certify anchors: say what was shown, and no more.
            parse.InvocationConfiguration.Output.WriteLine(
                $"valid: the note of job {proof.JobId} is at position {proof.Position} in the tree of {proof.TreeSize} notes whose root is " +
                $"{proof.Root} (the root the service reported; not certified by validators)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static ResultNote AmountNoteOf(Client.JobResult result) => result.Note switch
    {
        { Kind: NoteKind.Amount } note => note,
        null => throw new InvalidNoteSumException($"job {result.JobId} has no output note: only a private job's successful result has one"),
        _ => throw new InvalidNoteSumException($"job {result.JobId}'s note is a data note: only amount notes (8-byte outputs) add"),
    };

    /// <summary>The job and note a receipt proves under the network's key, offline.</summary>
    private static (string JobId, NoteCommitment Note) ProvenNote(byte[] encoded, PublicKey authority)
    {
        JobReceipt receipt;
        try
        {
            receipt = JobReceipt.FromBytes(encoded);
        }
        catch (FormatException malformed)
        {
            throw new InvalidReceiptException($"not a receipt: {malformed.Message}");
        }
        var jobId = receipt.Statement.Statement.JobId.Value;
        if (receipt.ProblemUnder(authority) is { } problem)
        {
            throw new InvalidReceiptException($"the receipt of job {jobId} proves nothing: {problem}");
        }
        return receipt.Note is { } note
            ? (jobId, note)
            : throw new InvalidReceiptException($"the receipt of job {jobId} certifies no output note");
    }
}
