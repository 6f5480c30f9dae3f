using System.CommandLine;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary><c>paraloom keys</c>: secp256k1 key pairs for requesters and validators.</summary>
internal static class KeysCommand
{
    public const string DefaultName = "paraloom";

    public static Command Create()
    {
        var keys = new Command("keys", "Manage secp256k1 key pairs for requesters and validators");
        keys.Subcommands.Add(CreateNewCommand());
        return keys;
    }

    private static Command CreateNewCommand()
    {
        var directory = new Option<string>("--out")
        {
            Description = "Directory for the key files, created owner-only if missing",
            HelpName = "DIR",
            DefaultValueFactory = _ => ".",
        };
        var name = new Option<string>("--name")
        {
            Description = "Base name: NAME.key holds the secret (mode 0600), NAME.pub the public key",
            HelpName = "NAME",
            DefaultValueFactory = _ => DefaultName,
        };
        var command = new Command("new", "Generate a key pair; never overwrites existing files") { directory, name };
        command.SetAction(parse => New(
            parse.GetValue(directory)!,
            parse.GetValue(name)!,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int New(string directory, string name, TextWriter output, TextWriter error)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
                else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using SecretKey key = SecretKey.Generate();
            KeyFilePaths paths = KeyFile.WriteNew(key, directory, name);
            output.WriteLine($"public key:  {key.PublicKey}");
            output.WriteLine($"secret file: {paths.SecretKeyPath}");
            output.WriteLine($"public file: {paths.PublicKeyPath}");
            return 0;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine($"paraloom keys new: {e.Message}");
            return 1;
        }
    }
}
