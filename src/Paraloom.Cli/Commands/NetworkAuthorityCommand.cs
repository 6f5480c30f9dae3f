namespace Paraloom.Cli.Commands;

/// <summary>
/// The authority part of <c>paraloom network init DIR</c>: the network authority's key pair, the key whose certificates
/// admit validators and whose public key every silo, SDK and CLI pins.
/// </summary>
internal static class NetworkAuthorityCommand
{
    /// <exception cref="UsageException">DIR is a file.</exception>
    /// <exception cref="IOException">DIR already holds an authority key: it is never overwritten.</exception>
    public static async Task InitAsync(string path, TextWriter output)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"{path} is a file; the network needs a directory.");
        }
        using var authority = NetworkAuthority.Create(path);
        await output.WriteLineAsync($"authority key: {authority.PublicKey}");
        await output.WriteLineAsync($"secret file:   {NetworkAuthority.SecretKeyPath(path)} (keep it offline: it admits validators)");
        await output.WriteLineAsync($"public file:   {NetworkAuthority.PublicKeyPath(path)}");
        await output.WriteLineAsync("silos take it as Paraloom:Network:AuthorityKey, clients as --network-key or PARALOOM_NETWORK_KEY");
    }
}
