using System.CommandLine;
using System.Text.RegularExpressions;
using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The network authority's key a command that talks to a silo pins, so that what the silo answers is trusted no further
/// than the authority and a threshold of the cohort it certified: results are checked against their receipts, and a
/// private job's key is wrapped only to certified cohort members. Taken from <c>--network-key</c>, else
/// <c>$PARALOOM_NETWORK_KEY</c>, else the file localnet writes for its URL (<c>.paraloom/networks/HOST_PORT.pub</c> in the
/// working directory, where the default key file is too); with none of them nothing is pinned, as before networks had
/// authorities.
/// </summary>
internal static partial class PinnedNetworkKey
{
    /// <summary>The file localnet writes, and the CLI reads, for the silo at <paramref name="server"/>.</summary>
    public static string PathFor(Uri server) =>
        Path.Combine(".paraloom", "networks", $"{NotAFileNameCharacter().Replace(server.Host, "_")}_{server.Port}{KeyFile.PublicKeyExtension}");

    public static Option<string> Option() => new("--network-key")
    {
        Description = "The network authority's public key (hex, or its .pub file) that results and cohorts are checked under; "
            + $"${ComputeVerifyCommand.NetworkKeyVariable} when set, else the one localnet wrote for --server in .paraloom/networks",
        HelpName = "K",
    };

    /// <summary>The key to pin for <paramref name="server"/>, or null when none is given or known.</summary>
    /// <exception cref="UsageException">A key is given but is neither hex nor a key file.</exception>
    public static PublicKey? Resolve(string? given, Uri server)
    {
        var value = given is { Length: > 0 } ? given : Environment.GetEnvironmentVariable(ComputeVerifyCommand.NetworkKeyVariable);
        if (value is { Length: > 0 })
        {
            return ComputeVerifyCommand.ParseNetworkKey(value);
        }
        var known = PathFor(server);
        return File.Exists(known) ? KeyFile.ReadPublicKey(known) : null;
    }

    /// <summary>
    /// Writes the authority's public key file for <paramref name="server"/> where <see cref="Resolve"/> finds it, replacing
    /// what an earlier network on that address left; returns its path.
    /// </summary>
    public static string Publish(Uri server, string authorityPublicKeyFile)
    {
        var path = PathFor(server);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Beside it, then renamed over it: a command reading the file meanwhile sees the old key or the new one, never half.
        var written = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.Copy(authorityPublicKeyFile, written);
        File.Move(written, path, overwrite: true);
        return path;
    }

    /// <summary>What a host name may hold that a file name may not (an IPv6 address's brackets and colons).</summary>
    [GeneratedRegex("[^A-Za-z0-9.-]")]
    private static partial Regex NotAFileNameCharacter();
}
