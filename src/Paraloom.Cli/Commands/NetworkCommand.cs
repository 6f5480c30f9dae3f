using System.CommandLine;

namespace Paraloom.Cli.Commands;

/// <summary><c>paraloom network</c>: the network's authorities, created once, offline, by its operator.</summary>
internal static class NetworkCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("DIR")
        {
            Description = "The network's directory (created if missing): authority.key (owner-only) and authority.pub, and tls/; " +
                          "keep it apart from every silo's data",
        };
        var init = new Command(
            "init", "Create the network's authorities in DIR: the key that admits validators (never overwritten) and the cluster's TLS authority")
        {
            directory,
        };
        init.SetAction((parse, _) => CommandFailure.RunAsync("network init", parse.InvocationConfiguration.Error, async () =>
        {
            var path = parse.GetValue(directory)!.FullName;
            await NetworkAuthorityCommand.InitAsync(path, parse.InvocationConfiguration.Output);
            await ClusterTlsCommand.InitAsync(path, parse.InvocationConfiguration.Output);
            return 0;
        }));
        return new Command("network", "Create the network's authorities and issue certificates")
        {
            init,
            ClusterTlsCommand.CreateIssue(new Argument<DirectoryInfo>("DIR") { Description = "The network's directory, from 'network init'" }),
        };
    }
}
