namespace Paraloom.Silo.Tests.Support;

/// <summary>Finds files of this repository from the test binaries, wherever the repository is checked out.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The directory holding Paraloom.Orleans.sln.</summary>
    public static string Root => RootDirectory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

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
