using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom validators</c>: what an operator and the network authority do to admit a silo's validators. The silo's
/// operator lists its validators' keys (<c>keys</c>); the authority signs a certificate for each (<c>admit</c>); the
/// operator puts each certificate beside its key slot (<c>validator-1.cert</c>), where the silo reads it at start. The
/// authority takes a key's vote away again with a revocation (<c>revoke</c>), which silos and verifiers are given.
/// </summary>
internal static class ValidatorsCommand
{
    public static Command Create()
    {
        var validators = new Command("validators", "Admit validators to the network");
        validators.Subcommands.Add(CreateKeys());
        validators.Subcommands.Add(CreateAdmit());
        validators.Subcommands.Add(CreateRevoke());
        return validators;
    }

    private static Command CreateKeys()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "The silo's data directory: its validator keys are in DIR/keys (created there when missing, as the silo does)",
            HelpName = "DIR",
            Required = true,
        };
        var count = new Option<int>("--validators")
        {
            Description = "How many validators the silo hosts (key slots validator-1 … validator-N)",
            HelpName = "N",
            DefaultValueFactory = _ => LocalSilo.Validators,
        };
        var command = new Command("keys", "Print a silo's validators: key slot, id, public key file and the execution profile they run") { data, count };
        command.SetAction((parse, _) => CommandFailure.RunAsync("validators keys", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var keys = Path.Combine(parse.GetValue(data)!.FullName, "keys");
            var slots = LocalValidatorAdmission.PublicKeys(new LocalValidatorOptions { Count = parse.GetValue(count), KeyDirectory = keys });
            await output.WriteLineAsync($"profile: {LocalValidatorAdmission.CurrentProfile()}");
            foreach (var (slot, key) in slots)
            {
                await output.WriteLineAsync($"{slot}  {ValidatorIdentity.FromPublicKey(key)}  {key}  {Path.Combine(keys, slot + KeyFile.PublicKeyExtension)}");
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateAdmit()
    {
        var network = new Option<DirectoryInfo>("--network")
        {
            Description = "The network directory holding authority.key (paraloom network init)",
            HelpName = "DIR",
            Required = true,
        };
        var validator = new Argument<FileInfo>("VALIDATOR.pub") { Description = "The validator's public key file" };
        var @operator = new Option<string>("--operator")
        {
            Description = "The silo or organisation that runs the validator",
            HelpName = "NAME",
            Required = true,
        };
        var profile = new Option<string>("--profile")
        {
            Description = "The execution profile it is admitted under (paraloom validators keys prints the silo's)",
            HelpName = "PROFILE",
            Required = true,
        };
        var days = CommonOptions.ValidityDays("How many days the certificate is valid, from now", LocalValidatorAdmission.DefaultValidity);
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Where to write the certificate (default: beside VALIDATOR.pub, as VALIDATOR.cert)",
            HelpName = "FILE",
        };
        var command = new Command("admit", "Sign a validator certificate for one validator key with the network authority")
        {
            network, validator, @operator, profile, days, output,
        };
        command.SetAction((parse, _) => CommandFailure.RunAsync("validators admit", parse.InvocationConfiguration.Error, async () =>
        {
            var keyFile = parse.GetValue(validator)!.FullName;
            if (!File.Exists(keyFile))
            {
                throw new UsageException($"{keyFile} does not exist; it needs the validator's public key file.");
            }
            var networkDirectory = parse.GetValue(network)!.FullName;
            if (!File.Exists(NetworkAuthority.SecretKeyPath(networkDirectory)))
            {
                throw new UsageException($"{networkDirectory} holds no authority.key; create it with `paraloom network init`.");
            }
            using var authority = KeyFile.ReadSecretKey(NetworkAuthority.SecretKeyPath(networkDirectory));
            var now = DateTimeOffset.UtcNow;
            var certificate = ValidatorCertificate.Issue(
                authority, KeyFile.ReadPublicKey(keyFile), parse.GetValue(@operator)!, parse.GetValue(profile)!, now, now.AddDays(parse.GetValue(days)));
            var path = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(keyFile, ValidatorCertificateFile.Extension);
            ValidatorCertificateFile.Write(path, certificate);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"admitted {certificate.ValidatorId} ({certificate.Operator}, {certificate.Profile}) until {certificate.NotAfter:u}: {path}");
            return 0;
        }));
        return command;
    }

    private static Command CreateRevoke()
    {
        var network = new Option<DirectoryInfo>("--network")
        {
            Description = "The network directory holding authority.key (paraloom network init)",
            HelpName = "DIR",
            Required = true,
        };
        var validator = new Argument<FileInfo>("VALIDATOR") { Description = "The validator's public key file (validator-1.pub) or its certificate (validator-1.cert)" };
        var reason = new Option<string>("--reason")
        {
            Description = $"Why, for the people reading it: 1 to {ValidatorRevocation.MaxReasonBytes} UTF-8 bytes, no control characters",
            HelpName = "TEXT",
            Required = true,
        };
        var effectiveFrom = new Option<DateTimeOffset?>("--effective-from")
        {
            Description = "From when its votes stop counting: Unix seconds or an ISO 8601 time; earlier than now for a key that may have been "
                + "stolen since (default: now)",
            HelpName = "TIME",
            CustomParser = result => ParseTime(result.Tokens[0].Value) is { } time ? time
                : Refused(result, $"--effective-from must be Unix seconds or an ISO 8601 time, not '{result.Tokens[0].Value}'."),
        };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Where to write the revocation (default: beside VALIDATOR, as VALIDATOR.revocation); never overwritten",
            HelpName = "FILE",
        };
        var command = new Command("revoke", "Sign a revocation of one validator key with the network authority: its votes stop counting")
        {
            network, validator, reason, effectiveFrom, output,
        };
        command.SetAction((parse, _) => CommandFailure.RunAsync("validators revoke", parse.InvocationConfiguration.Error, async () =>
        {
            var validatorFile = parse.GetValue(validator)!.FullName;
            var validatorKey = ValidatorKeyOf(validatorFile);
            var networkDirectory = parse.GetValue(network)!.FullName;
            if (!File.Exists(NetworkAuthority.SecretKeyPath(networkDirectory)))
            {
                throw new UsageException($"{networkDirectory} holds no authority.key; create it with `paraloom network init`.");
            }
            using var authority = KeyFile.ReadSecretKey(NetworkAuthority.SecretKeyPath(networkDirectory));
            ValidatorRevocation revocation;
            try
            {
                revocation = ValidatorRevocation.Issue(authority, validatorKey, parse.GetValue(effectiveFrom) ?? DateTimeOffset.UtcNow, parse.GetValue(reason)!);
            }
            catch (ArgumentException invalid)
            {
                throw new UsageException(invalid.Message);
            }
            var path = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(validatorFile, ValidatorRevocationFile.Extension);
            if (File.Exists(path))
            {
                throw new UsageException($"{path} exists; a revocation is never overwritten: give another --out.");
            }
            ValidatorRevocationFile.WriteNew(path, revocation);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"revoked {revocation.ValidatorId} from {revocation.EffectiveFrom:u} ({revocation.Reason}): {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>The key a validator's public key file or certificate file names.</summary>
    private static PublicKey ValidatorKeyOf(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist; it needs the validator's public key file or certificate.");
        }
        try
        {
            return Path.GetExtension(path) == ValidatorCertificateFile.Extension
                ? ValidatorCertificateFile.Read(path).ValidatorKey
                : KeyFile.ReadPublicKey(path);
        }
        catch (Exception invalid) when (invalid is FormatException or InvalidEncodingException)
        {
            throw new UsageException($"{path} is neither a public key file nor a validator certificate: {invalid.Message}");
        }
    }

    private static DateTimeOffset? ParseTime(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static DateTimeOffset? Refused(ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
