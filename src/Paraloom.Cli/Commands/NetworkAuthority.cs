using System.CommandLine;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The network authority's key pair on disk: <c>authority.key</c> (owner-only) and <c>authority.pub</c> in a network
/// directory of their own, apart from any silo's state, like validator keys. localnet keeps one under its data directory
/// (<c>DATA/network</c>) and admits every silo's validators under it before starting the silo.
/// </summary>
internal static class NetworkAuthority
{
    public const string KeyName = "authority";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>localnet's <c>--network DIR</c>: the authority it admits its validators under.</summary>
    public static Option<DirectoryInfo?> DirectoryOption() => new("--network")
    {
        Description = "The network authority's directory (authority.key, authority.pub); created if missing (default: DATA/network)",
        HelpName = "DIR",
    };

    /// <summary>What localnet's banner says of its authority: the key clients pin, and where the CLI finds it.</summary>
    public static string BannerLine(string networkDirectory) =>
        $"network authority key {KeyFile.ReadPublicKey(PublicKeyPath(networkDirectory))} (in {PublicKeyPath(networkDirectory)})";

    /// <summary>localnet's network directory when it is given none.</summary>
    public static string DefaultDirectory(string dataDirectory) => Path.Combine(dataDirectory, "network");

    public static string SecretKeyPath(string networkDirectory) => Path.Combine(networkDirectory, KeyName + KeyFile.SecretKeyExtension);

    public static string PublicKeyPath(string networkDirectory) => Path.Combine(networkDirectory, KeyName + KeyFile.PublicKeyExtension);

    /// <summary>Creates the authority's key pair in <paramref name="networkDirectory"/>; an existing one is never overwritten.</summary>
    /// <exception cref="IOException">The directory already holds an authority key.</exception>
    public static SecretKey Create(string networkDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(networkDirectory);
        }
        else
        {
            Directory.CreateDirectory(networkDirectory, OwnerOnlyDirectory);
        }
        var key = SecretKey.Generate();
        try
        {
            KeyFile.WriteNew(key, networkDirectory, KeyName);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The authority in <paramref name="networkDirectory"/>, created there when there is none.</summary>
    public static SecretKey LoadOrCreate(string networkDirectory) =>
        File.Exists(SecretKeyPath(networkDirectory)) ? KeyFile.ReadSecretKey(SecretKeyPath(networkDirectory)) : Create(networkDirectory);

    /// <summary>
    /// Admits the validators a local silo with <paramref name="options"/> will host under the authority in
    /// <paramref name="networkDirectory"/> (creating both where missing), and points the silo at that authority.
    /// </summary>
    public static void AdmitLocalSilo(string networkDirectory, SiloOptions options)
    {
        using var authority = LoadOrCreate(networkDirectory);
        var keyDirectory = options.KeyDirectory is { Length: > 0 } keys ? keys
            : Path.Combine(options.StorageDirectory ?? throw new ArgumentException("A local silo keeps its validator keys under its data directory."), "keys");
        LocalValidatorAdmission.Admit(authority, new LocalValidatorOptions
        {
            Count = options.Validators,
            SiloId = options.SiloId,
            KeyDirectory = Path.GetFullPath(keyDirectory),
        });
        options.Network.AuthorityKey = authority.PublicKey.ToHex();
    }
}
