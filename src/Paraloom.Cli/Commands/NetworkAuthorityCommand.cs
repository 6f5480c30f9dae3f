using System.CommandLine;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom network init DIR</c>: creates the network authority's key pair, the key whose certificates admit
/// validators and whose public key every silo, SDK and CLI pins.
/// </summary>
internal static class NetworkAuthorityCommand
{
    public static Command CreateInit()
    {
        var directory = new Argument<DirectoryInfo>("DIR")
        {
            Description = "The network directory: authority.key (owner-only) and authority.pub; keep it apart from every silo's data",
        };
        var command = new Command("init", "Create the network authority's key pair in DIR; never overwrites one") { directory };
        command.SetAction((parse, _) => CommandFailure.RunAsync("network init", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(directory)!.FullName;
            if (File.Exists(path))
            {
                throw new UsageException($"{path} is a file; the network needs a directory.");
            }
            using var authority = NetworkAuthority.Create(path);
            await output.WriteLineAsync($"authority key: {authority.PublicKey}");
            await output.WriteLineAsync($"secret file:   {NetworkAuthority.SecretKeyPath(path)} (keep it offline: it admits validators)");
            await output.WriteLineAsync($"public file:   {NetworkAuthority.PublicKeyPath(path)}");
            await output.WriteLineAsync($"silos take it as Paraloom:Network:AuthorityKey, clients as --network-key or PARALOOM_NETWORK_KEY");
            return 0;
        }));
        return command;
    }
}
