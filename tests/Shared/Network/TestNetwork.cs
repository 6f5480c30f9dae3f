using Microsoft.Extensions.DependencyInjection;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Testing;

/// <summary>
/// The network authority of the in-process test hosts, one per test process: every host admits its validators under
/// it before they start (keys and certificates in their key directory, as localnet and an operator do), and its silo
/// is configured with its public key, so the registry's admission check runs in every test as in production.
/// </summary>
public static class TestNetwork
{
    private static readonly List<string> KeyDirectories = [];

    static TestNetwork() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteKeyDirectories();

    /// <summary>The authority's secret key: tests that forge or revoke certificates sign with it or with another.</summary>
    public static SecretKey Authority { get; } = SecretKey.Generate();

    /// <summary>The authority's public key in hex, as <c>Paraloom:Network:AuthorityKey</c> takes it.</summary>
    public static string AuthorityKey => Authority.PublicKey.ToHex();

    /// <summary>
    /// What each requester key gets on first use in the test hosts: their networks are open, as localnet's is, so tests that
    /// are not about credits never run out (a test about them sets its own).
    /// </summary>
    public const long NewcomerCredits = 1_000_000_000_000_000;

    /// <summary><see cref="NewcomerCredits"/> as <c>Paraloom:Fees:NewcomerCredits</c> takes it.</summary>
    public static string NewcomerCreditsSetting => NewcomerCredits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An open network's fees: <paramref name="options"/>' prices, with the test hosts' newcomer credits.</summary>
    public static void OpenNetwork(ComputeOptions options) => options.Fees = options.Fees with { NewcomerCredits = NewcomerCredits };

    /// <summary>The command-line argument that points a silo at the authority.</summary>
    public static string AuthorityOption => $"--Paraloom:Network:AuthorityKey={AuthorityKey}";

    /// <summary>
    /// Admits the validators <paramref name="options"/> configure (in a fresh key directory when they have none) and
    /// pins the authority: call it last, once the validators' count, slots and key directory are set.
    /// </summary>
    public static void Admit(ComputeOptions options)
    {
        if (options.LocalValidators.KeyDirectory is null)
        {
            var directory = Directory.CreateTempSubdirectory("paraloom-keys-").FullName;
            lock (KeyDirectories)
            {
                KeyDirectories.Add(directory);
            }
            options.LocalValidators.KeyDirectory = directory;
        }
        LocalValidatorAdmission.Admit(Authority, options.LocalValidators);
        options.NetworkAuthority = Authority.PublicKey;
    }

    /// <summary>For a silo host (<c>SiloHost</c> behind a test server): admits its validators once its options are final.</summary>
    public static void AdmitValidators(IServiceCollection services) => services.PostConfigure<ComputeOptions>(Admit);

    private static void DeleteKeyDirectories()
    {
        lock (KeyDirectories)
        {
            foreach (var directory in KeyDirectories.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
