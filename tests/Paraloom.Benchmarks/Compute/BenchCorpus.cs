namespace Paraloom.Benchmarks.Compute;

/// <summary>Reads ../shared/bench-corpus next to the repository root, or under PARALOOM_SHARED_DIR when set.</summary>
internal static class BenchCorpus
{
    public static byte[] Module(string program) => File.ReadAllBytes(PathOf("build", $"{program}.wasm"));

    public static byte[] Input(string program, string input) => File.ReadAllBytes(PathOf("inputs", $"{program}-{input}.bin"));

    private static string PathOf(string folder, string file)
    {
        var shared = Environment.GetEnvironmentVariable("PARALOOM_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "..", "shared");
        return Path.GetFullPath(Path.Combine(shared, "bench-corpus", folder, file));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Paraloom.Orleans.sln not found above the benchmark: cannot locate ../shared.");
    }
}
