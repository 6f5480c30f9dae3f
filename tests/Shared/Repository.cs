namespace Paraloom.Testing;

/// <summary>
/// Finds this repository's files, and the shared test data beside it, from wherever test or benchmark binaries run.
/// Linked into every test project and the benchmarks (Directory.Build.props).
/// </summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The directory holding Paraloom.Orleans.sln.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>The shared test data: <c>$PARALOOM_SHARED_DIR</c> when set, else <c>../shared</c> beside the repository.</summary>
    public static string SharedDirectory =>
        Environment.GetEnvironmentVariable("PARALOOM_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A sample job program's .wasm in src/programs.</summary>
    public static string ProgramPath(string name) => PathOf("src", "programs", name + ".wasm");

    public static byte[] Program(string name) => File.ReadAllBytes(ProgramPath(name));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("The repository root (Paraloom.Orleans.sln) is not above the test binaries.");
    }
}
