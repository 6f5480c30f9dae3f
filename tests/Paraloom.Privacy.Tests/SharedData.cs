namespace Paraloom.Privacy.Tests;

/// <summary>
/// Locates the shared test data: $PARALOOM_SHARED_DIR when set, else ../shared beside the repository root
/// (the directory holding Paraloom.Orleans.sln). Missing data fails the test rather than skipping it.
/// </summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        string path = System.IO.Path.Combine([Repository.SharedDirectory, .. parts]);
        if (!File.Exists(path)) throw new FileNotFoundException($"Shared test data not found (set PARALOOM_SHARED_DIR): {path}");
        return path;
    }
}
