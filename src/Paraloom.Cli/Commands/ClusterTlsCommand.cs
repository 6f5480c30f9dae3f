using System.CommandLine;
using Paraloom.ClusterTls;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The cluster authority's part of <c>paraloom network</c>: <c>init DIR</c> creates it in <c>DIR/tls</c>, <c>issue DIR
/// --silo NAME | --client NAME</c> issues a certificate of it. Neither overwrites a file.
/// </summary>
internal static class ClusterTlsCommand
{
    /// <summary>Where the TLS material lives inside a network directory.</summary>
    public static string Directory(string network) => Path.Combine(network, "tls");

    /// <summary>Creates the authority under <paramref name="network"/> and says what it did.</summary>
    public static async Task InitAsync(string network, TextWriter output)
    {
        var tls = Directory(network);
        await output.WriteLineAsync(ClusterTlsSetup.CreateAuthority(tls)
            ? $"cluster authority: {ClusterTlsFiles.CertificatePath(tls, ClusterTlsFiles.AuthorityName)} (ca.key beside it is its secret: keep it offline)"
            : $"cluster authority: {ClusterTlsFiles.CertificatePath(tls, ClusterTlsFiles.AuthorityName)} exists already, left as it is");
    }

    public static Command CreateIssue(Argument<DirectoryInfo> network)
    {
        var silo = new Option<string?>("--silo") { Description = "Issue a silo's certificate (the silo and gateway ports)", HelpName = "NAME" };
        var client = new Option<string?>("--client") { Description = "Issue a gateway client's certificate", HelpName = "NAME" };
        var days = CommonOptions.ValidityDays("How long the certificate is valid", ClusterAuthority.LeafValidity);
        var command = new Command("issue", "Issue a silo or gateway client certificate of the network's cluster authority") { network, silo, client, days };
        command.SetAction((parse, _) => CommandFailure.RunAsync("network issue", parse.InvocationConfiguration.Error, async () =>
        {
            var (role, name) = (parse.GetValue(silo), parse.GetValue(client)) switch
            {
                ({ } siloName, null) => (ClusterCertificateRole.Silo, siloName),
                (null, { } clientName) => (ClusterCertificateRole.Client, clientName),
                _ => throw new UsageException("give one of --silo NAME or --client NAME."),
            };
            var tls = Directory(parse.GetValue(network)!.FullName);
            ClusterTlsSetup.Issue(tls, role, name, TimeSpan.FromDays(parse.GetValue(days)));
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{role.ToString().ToLowerInvariant()} certificate: {ClusterTlsFiles.CertificatePath(tls, name)}, key {ClusterTlsFiles.KeyPath(tls, name)} (owner-only)");
            return 0;
        }));
        return command;
    }
}
