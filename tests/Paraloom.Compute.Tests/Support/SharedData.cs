namespace Paraloom.Compute.Tests.Support;

/// <summary>Locates ../shared next to the repository root, or PARALOOM_SHARED_DIR when set.</summary>
internal static class SharedData
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("PARALOOM_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared"));

    public static string BenchCorpus(params string[] parts) => Path.Combine([Directory, "bench-corpus", .. parts]);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Paraloom.Orleans.sln not found above the test output: cannot locate ../shared.");
    }
}
