namespace Paraloom.Privacy.Tests;

/// <summary>
/// Locates the shared test data: $PARALOOM_SHARED_DIR when set, else ../shared beside the repository root
/// (the directory holding Paraloom.Orleans.sln). Missing data fails the test rather than skipping it.
/// </summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        string root = Environment.GetEnvironmentVariable("PARALOOM_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(RepositoryRoot(), "..", "shared");
        string path = System.IO.Path.Combine([root, .. parts]);
        if (!File.Exists(path)) throw new FileNotFoundException($"Shared test data not found (set PARALOOM_SHARED_DIR): {path}");
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Paraloom.Orleans.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Paraloom.Orleans.sln not found above the test binaries.");
    }
}
