using System.CommandLine;
using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary><c>paraloom compute</c>: submit a job, follow it (handing out keys), fetch and open its result.</summary>
internal static class ComputeCommand
{
    public static Command Create()
    {
        var compute = new Command("compute", "Submit WebAssembly jobs to a silo and fetch their results");
        compute.Subcommands.Add(Submit());
        compute.Subcommands.Add(Status());
        compute.Subcommands.Add(Result());
        return compute;
    }

    private static Command Submit()
    {
        var wasm = new Option<FileInfo>("--wasm") { Description = "The job's WebAssembly module", HelpName = "FILE", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "The job's input", HelpName = "FILE", Required = true };
        var isPrivate = new Option<bool>("--private") { Description = "Seal the input: only the cohort's executors see it, only you read the output" };
        var replication = new Option<int>("--replication")
        {
            Description = "K: how many validators run the job",
            HelpName = "K",
            DefaultValueFactory = _ => 3,
        };
        replication.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--replication must be at least 1.");
            }
        });
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command("submit", "Submit a job and print its id; a private job's key is handed out before this returns")
        {
            wasm, input, isPrivate, replication, key, server, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute submit", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var requester = CommonOptions.ReadKey(parse.GetValue(key)!);
            var builder = Job.Builder()
                .Wasm(await File.ReadAllBytesAsync(parse.GetValue(wasm)!.FullName, cancellationToken))
                .Replication(parse.GetValue(replication));
            var bytes = await File.ReadAllBytesAsync(parse.GetValue(input)!.FullName, cancellationToken);
            var job = (parse.GetValue(isPrivate)
                ? builder.PrivateInput(bytes, requester.PublicKey).WithOwnershipProof(requester)
                : builder.Input(bytes).RequestedBy(requester.PublicKey)).Build();

            using var client = new ParaloomClient(parse.GetValue(server)!);
            var jobId = await client.SubmitAsync(job, cancellationToken);
            var status = await client.HandOutKeysAsync(jobId, requester, cancellationToken);
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status));
            }
            else
            {
                output.WriteLine(jobId);
            }
            return 0;
        }));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show a job's state, replies and elapsed time; hands out keys if they are awaited")
        {
            id, key, server, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute status", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var client = new ParaloomClient(parse.GetValue(server)!);
            var jobId = parse.GetValue(id)!;
            var keyPath = parse.GetValue(key)!;
            JobProgress status;
            if (File.Exists(keyPath))
            {
                using var requester = KeyFile.ReadSecretKey(keyPath);
                status = await client.HandOutKeysAsync(jobId, requester, cancellationToken);
            }
            else
            {
                status = await client.GetStatusAsync(jobId, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.StatusJson(status));
            }
            else
            {
                ComputeOutput.WriteStatus(output, status);
            }
            return 0;
        }));
        return command;
    }

    private static Command Result()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var decrypt = new Option<bool>("--decrypt") { Description = "Open a private job's sealed output with your key" };
        var outFile = new Option<FileInfo>("--out") { Description = "Write the output bytes to this file", HelpName = "FILE" };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command("result", "Fetch a finished job's agreed result (only the requester's key may)")
        {
            id, decrypt, outFile, key, server, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("compute result", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var requester = CommonOptions.ReadKey(parse.GetValue(key)!);
            using var client = new ParaloomClient(parse.GetValue(server)!);
            var jobId = parse.GetValue(id)!;
            await client.HandOutKeysAsync(jobId, requester, cancellationToken);
            var result = await client.GetResultAsync(jobId, requester, cancellationToken);
            var decrypted = parse.GetValue(decrypt) && result.IsPrivate;
            var bytes = decrypted ? result.Decrypt(requester) : result.Output.ToArray();
            var path = parse.GetValue(outFile)?.FullName;
            if (path is not null)
            {
                await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, ComputeOutput.ResultJson(result, bytes, decrypted));
            }
            else
            {
                ComputeOutput.WriteResult(output, result, bytes, decrypted, path);
            }
            return 0;
        }));
        return command;
    }
}
