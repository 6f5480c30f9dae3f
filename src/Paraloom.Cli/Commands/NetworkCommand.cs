using System.CommandLine;

namespace Paraloom.Cli.Commands;

/// <summary><c>paraloom network</c>: the network's own keys and certificates.</summary>
internal static class NetworkCommand
{
    public static Command Create()
    {
        var network = new Command("network", "Set up a network: its authority key");
        network.Subcommands.Add(NetworkAuthorityCommand.CreateInit());
        return network;
    }
}
