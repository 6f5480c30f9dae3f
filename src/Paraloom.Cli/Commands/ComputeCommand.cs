using System.CommandLine;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom compute</c>: submit a job, follow it (handing out keys), fetch and open its result. A private job
/// makes progress only while a command holding its requester's key runs: <c>submit</c> until the first cohort
/// holds the key, <c>wait</c> until the job ends (and through every retry).
/// </summary>
internal static class ComputeCommand
{
    public static Command Create()
    {
        var compute = new Command("compute", "Submit WebAssembly jobs to a silo and fetch their results");
        compute.Subcommands.Add(Submit());
        compute.Subcommands.Add(Wait());
        compute.Subcommands.Add(Status());
        compute.Subcommands.Add(Result());
        compute.Subcommands.Add(Cancel());
        compute.Subcommands.Add(List());
        compute.Subcommands.Add(ComputeVerifyCommand.Create());
        return compute;
    }

    private static Command Submit()
    {
        var wasm = new Option<FileInfo>("--wasm") { Description = "The job's WebAssembly module (compute ABI v1)", HelpName = "FILE", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "The job's input, passed to the program as bytes", HelpName = "FILE", Required = true };
        var isPrivate = new Option<bool>("--private") { Description = "Seal the input: only the cohort's executors see it, only you read the output" };
        var replication = new Option<int>("--replication")
        {
            Description = "K: how many validators run the job",
            HelpName = "K",
            DefaultValueFactory = _ => JobBuilder.DefaultReplication,
            CustomParser = result => LimitOptions.Positive(result, "--replication", "a positive number of validators") is { } k
                ? (int)Math.Min(k, int.MaxValue)
                : JobBuilder.DefaultReplication,
        };
        var limits = new LimitOptions();
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "Return once the job is accepted; a private job then needs 'paraloom compute wait ID' to hand out its key",
        };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var networkKey = PinnedNetworkKey.Option();
        var json = CommonOptions.Json();
        var command = new Command("submit",
            "Submit a job and print its id; a private job's submit waits until its first cohort holds the job key")
        {
            wasm, input, isPrivate, replication, limits.Fuel, limits.MaxMemory, limits.Timeout, noWait, key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute submit", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var module = await InputFiles.ReadAsync("--wasm", parse.GetValue(wasm)!, cancellationToken);
            var bytes = await InputFiles.ReadAsync("--input", parse.GetValue(input)!, cancellationToken);
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            var builder = Job.Builder().Wasm(module).Replication(parse.GetValue(replication)).Limits(limits.Read(parse));
            using var job = (parse.GetValue(isPrivate)
                ? builder.PrivateInput(bytes, requester.PublicKey).WithOwnershipProof(requester)
                : builder.Input(bytes).RequestedBy(requester)).Build();

            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            string jobId;
            try
            {
                jobId = await connection.Client.SubmitAsync(job, cancellationToken);
            }
            catch (SiloUnreachableException lost) when (lost.InnerException is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                // The request may have reached the silo: the id (chosen here) is what follows the job if it did.
                throw new SiloUnreachableException(
                    $"{lost.Message}; job {job.Id} may have been accepted: 'paraloom compute wait {job.Id}' follows it if it was", lost);
            }
            JobProgress status;
            if (parse.GetValue(noWait) || !job.IsPrivate)
            {
                status = await connection.Client.GetStatusAsync(jobId, cancellationToken);
            }
            else
            {
                using var progress = new ProgressLine(parse.InvocationConfiguration.Error);
                status = await connection.Client.WaitForHandOutAsync(jobId, requester, progress, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status, null));
            }
            else
            {
                output.WriteLine(jobId);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Wait()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var networkKey = PinnedNetworkKey.Option();
        var json = CommonOptions.Json();
        var command = new Command("wait",
            "Follow a job to its end, handing its key to every cohort (first attempt and retries); exit 1 if it is rejected or traps")
        {
            id, key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute wait", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            var jobId = parse.GetValue(id)!;
            JobProgress status;
            try
            {
                using var progress = new ProgressLine(error);
                status = await connection.Client.WaitAsync(jobId, requester, progress, cancellationToken);
            }
            catch (Exception ended) when (ended is JobRejectedException or JobCancelledException)
            {
                status = await connection.Client.GetStatusAsync(jobId, cancellationToken);
            }
            var result = status.State == JobState.Finalised && status.Requester.Equals(requester.PublicKey)
                ? await connection.Client.GetResultAsync(jobId, requester, cancellationToken)
                : null;
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status, result));
            }
            else
            {
                ComputeOutput.WriteStatus(output, status, result);
            }
            return ReportEnd(error, "compute wait", parse.GetValue(json), status, result);
        }));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var handOut = new Option<bool>("--hand-out")
        {
            Description = "Hand the job key to the cohort if it awaits it (the requester's --key only); without it status only looks",
        };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var networkKey = PinnedNetworkKey.Option();
        var json = CommonOptions.Json();
        var command = new Command("status",
            "Show a job's state, replies and times; with the requester's key, how a finished job ended (exit 1 if rejected or trapped); --hand-out also hands out awaited keys")
        {
            id, handOut, key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute status", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            var jobId = parse.GetValue(id)!;
            var status = await connection.Client.GetStatusAsync(jobId, cancellationToken);
            // Anyone may look, and looking changes nothing: only --hand-out with the requester's key hands out keys.
            var keyPath = parse.GetValue(key)!;
            var explicitKey = parse.GetResult(key) is { Implicit: false };
            var wantsHandOut = parse.GetValue(handOut);
            using var requester = explicitKey || wantsHandOut ? InputFiles.ReadSecretKey(keyPath) : InputFiles.TryReadSecretKey(keyPath);
            var isRequester = requester is not null && status.Requester.Equals(requester.PublicKey);
            if (wantsHandOut && !isRequester)
            {
                throw new NotTheRequesterException(jobId);
            }
            if (wantsHandOut && status.AwaitingKeys)
            {
                status = await connection.Client.HandOutKeysAsync(jobId, requester!, cancellationToken);
            }
            // The requester may read the result, so it is told how a finished job ended (a trap included).
            var result = isRequester && status.State == JobState.Finalised
                ? await connection.Client.GetResultAsync(jobId, requester!, cancellationToken)
                : null;
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status, result));
            }
            else
            {
                ComputeOutput.WriteStatus(output, status, result);
                if (status.AwaitingKeys)
                {
                    output.WriteLine(isRequester
                        ? "keys      awaited: --hand-out hands them to the cohort ('compute wait ID' follows the job and hands out every attempt's)"
                        : "keys      awaited: only the requester's --key can hand them out");
                }
            }
            return ReportEnd(parse.InvocationConfiguration.Error, "compute status", parse.GetValue(json), status, result);
        }));
        return command;
    }

    private static Command Result()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var decrypt = new Option<bool>("--decrypt") { Description = "Open a private job's sealed output with your key" };
        var outFile = new Option<FileInfo>("--out") { Description = "Write the output bytes to this file instead of standard output", HelpName = "FILE" };
        var receiptFile = new Option<FileInfo>("--receipt")
        {
            Description = "Write the job's receipt (its statement and the cohort's certified votes) to this file, for 'compute verify'",
            HelpName = "FILE",
        };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var networkKey = PinnedNetworkKey.Option();
        var json = CommonOptions.Json();
        var command = new Command("result", "Fetch a finished job's agreed result (only the requester's key may); exit 1 if it trapped")
        {
            id, decrypt, outFile, receiptFile, key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute result", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(outFile)?.FullName;
            if (path is not null && Directory.Exists(path))
            {
                throw new UsageException($"--out: {path} is a directory; it needs a file name.");
            }
            var receiptPath = parse.GetValue(receiptFile)?.FullName;
            if (receiptPath is not null && Directory.Exists(receiptPath))
            {
                throw new UsageException($"--receipt: {receiptPath} is a directory; it needs a file name.");
            }
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            var jobId = parse.GetValue(id)!;
            var result = await connection.Client.GetResultAsync(jobId, requester, cancellationToken);
            var decrypted = parse.GetValue(decrypt) && result.IsPrivate && result.Status == ResultStatus.Ok;
            var bytes = decrypted ? result.Decrypt(requester) : result.Output.ToArray();
            if (receiptPath is not null)
            {
                if (result.Receipt.IsEmpty)
                {
                    throw new Compute.InvalidReceiptException($"the silo sent no receipt with the result of job {jobId}.");
                }
                await File.WriteAllBytesAsync(receiptPath, result.Receipt.ToArray(), cancellationToken);
            }
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(json))
            {
                if (path is not null)
                {
                    await File.WriteAllBytesAsync(path, bytes, cancellationToken);
                }
                ComputeOutput.WriteJson(output, ComputeOutput.ResultJson(result, bytes, decrypted));
            }
            else
            {
                ComputeOutput.WriteResult(error, result, bytes.Length, decrypted, path);
                using var destination = OutputBytes.Open(parse.GetValue(outFile), output);
                await destination.WriteAsync(bytes, cancellationToken);
            }
            return ReportTrap(parse.InvocationConfiguration.Error, "compute result", parse.GetValue(json), result);
        }));
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var networkKey = PinnedNetworkKey.Option();
        var command = new Command("cancel",
            "Cancel a job that has not ended (only the requester's key may): its cohort stops, its hold is released, nobody is penalised")
        {
            id, key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute cancel", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            var status = await connection.Client.CancelAsync(parse.GetValue(id)!, requester, cancellationToken);
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status, null));
            }
            else
            {
                ComputeOutput.WriteStatus(output, status, null);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var networkKey = PinnedNetworkKey.Option();
        var command = new Command("list",
            "List the key's latest jobs still stored (at most 100, oldest first): state, when submitted and finished, a public job's fee")
        {
            key, server, networkKey, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute list", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var requester = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, parse.GetValue(networkKey));
            var jobs = await connection.Client.ListJobsAsync(requester, cancellationToken);
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, jobs.Select(job => ComputeOutput.StatusJson(job, null)).ToArray());
            }
            else
            {
                ComputeOutput.WriteJobList(output, jobs);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A job followed to its end: 0 if it agreed on a normal result, else (rejected, cancelled, trapped) one line saying why not and 1.</summary>
    private static int ReportEnd(TextWriter error, string command, bool json, JobProgress status, JobResult? result)
    {
        if (status.State == JobState.Rejected)
        {
            return CommandFailure.Report(error, command, json,
                new Failure("job-rejected", null, $"job {status.JobId} was rejected: {status.Reason ?? "no reason given"}"));
        }
        if (status.State == JobState.Cancelled)
        {
            return CommandFailure.Report(error, command, json, new Failure("job-cancelled", null, $"job {status.JobId} was cancelled by its requester"));
        }
        return result is null ? ExitCodes.Ok : ReportTrap(error, command, json, result);
    }

    private static int ReportTrap(TextWriter error, string command, bool json, JobResult result)
    {
        if (result.Status == ResultStatus.Ok)
        {
            return ExitCodes.Ok;
        }
        var (code, what) = result.Status == ResultStatus.Trap ? ("trap", "a trap") : ("abi-error", "an ABI error");
        return CommandFailure.Report(error, command, json, new Failure(code, null, $"job {result.JobId} ended in {what}: {result.Error ?? $"code {result.Code}"}"));
    }
}
