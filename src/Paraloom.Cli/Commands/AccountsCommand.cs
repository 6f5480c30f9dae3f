using System.CommandLine;
using System.Globalization;
using Paraloom.Client;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom accounts</c>: read an account as its owner (<c>show</c>), and, as the network authority, grant a requester
/// credits (<c>grant</c>): a grant is the authority's signature, so whoever delivers it to a silo cannot change it.
/// </summary>
internal static class AccountsCommand
{
    /// <summary>How long a grant may be applied by default: an account remembers applied grant ids until they expire.</summary>
    private const int DefaultGrantDays = 7;

    public static Command Create()
    {
        var accounts = new Command("accounts", "Read your account's credits, and grant credits as the network authority");
        accounts.Subcommands.Add(Show());
        accounts.Subcommands.Add(Grant());
        return accounts;
    }

    private static Command Show()
    {
        var validator = new Option<bool>("--validator")
        {
            Description = "Show the account the validator with this --key earns on (its id derives from the key), not the requester's",
        };
        var key = CommonOptions.Key();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show the credits --key's account may spend, holds, earnings and latest entries (only its owner may)")
        {
            validator, key, server, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("accounts show", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            using var owner = InputFiles.ReadSecretKey(parse.GetValue(key)!);
            using var connection = SiloConnection.Open(parse.GetValue(server)!, networkKey: null);
            var account = await connection.Client.GetAccountAsync(owner, parse.GetValue(validator), cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, account);
            }
            else
            {
                WriteAccount(output, account);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Grant()
    {
        var requester = new Argument<string>("REQUESTER") { Description = "The requester's public key: hex, or its .pub file" };
        var credits = new Argument<long>("CREDITS") { Description = "How many credits to grant" };
        credits.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("CREDITS must be a positive number of credits.");
            }
        });
        var network = new Option<DirectoryInfo>("--network")
        {
            Description = "The network directory holding authority.key (paraloom network init; localnet's is DATA/network)",
            HelpName = "DIR",
            Required = true,
        };
        var days = CommonOptions.ValidityDays("How many days the grant may be applied, from now", TimeSpan.FromDays(DefaultGrantDays));
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command("grant", "Sign a credit grant for REQUESTER with the network authority's key and deliver it to the silo; it applies once")
        {
            requester, credits, network, days, server, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("accounts grant", parse.InvocationConfiguration.Error, parse.GetValue(json), async () =>
        {
            var recipient = ParseRequester(parse.GetValue(requester)!);
            var networkDirectory = parse.GetValue(network)!.FullName;
            if (!File.Exists(NetworkAuthority.SecretKeyPath(networkDirectory)))
            {
                throw new UsageException($"--network: {networkDirectory} holds no authority.key; create it with `paraloom network init`.");
            }
            CreditGrant grant;
            using (var authority = KeyFile.ReadSecretKey(NetworkAuthority.SecretKeyPath(networkDirectory)))
            {
                grant = CreditGrant.Issue(authority, recipient, parse.GetValue(credits), DateTimeOffset.UtcNow.AddDays(parse.GetValue(days)));
            }
            using var connection = SiloConnection.Open(parse.GetValue(server)!, networkKey: null);
            var applied = await connection.Client.GrantCreditsAsync(grant, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                ComputeOutput.WriteJson(output, new { Requester = grant.Requester.ToHex(), grant.Credits, GrantId = grant.Id, grant.ExpiresAt, Applied = applied });
            }
            else
            {
                // A fresh grant id is random, so only a repeat delivered by someone else could already be applied.
                output.WriteLine(applied
                    ? $"granted {grant.Credits} credits to {grant.Requester} (grant {grant.Id})"
                    : $"grant {grant.Id} was already applied: nothing changed");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The requester as hex, or read from its .pub file.</summary>
    private static PublicKey ParseRequester(string value)
    {
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
            throw new UsageException($"REQUESTER: '{value}' is neither a public key in hex nor a public key file.");
        }
    }

    private static void WriteAccount(TextWriter output, Account account)
    {
        output.WriteLine($"account   {account.Key}");
        output.WriteLine($"credits   {account.Credits} to spend");
        output.WriteLine($"held      {account.Held} by running jobs");
        if (account.Earned > 0)
        {
            output.WriteLine($"earned    {account.Earned}");
        }
        output.WriteLine(account.History.Count == 0 ? "entries   none" : $"entries   latest {account.History.Count}, oldest first:");
        foreach (var entry in account.History)
        {
            var job = entry.JobId is null ? "" : $"  job {entry.JobId}{(entry.Attempt > 0 ? $" attempt {entry.Attempt}" : "")}";
            output.WriteLine($"  {entry.At.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}  {entry.Kind.ToString().ToLowerInvariant(),-7}  {entry.Amount}{job}");
        }
    }
}
