namespace Paraloom.Compute.Tests.Support;

/// <summary>Locates ../shared next to the repository root (or PARALOOM_SHARED_DIR when set), and the project's own bench corpus.</summary>
internal static class SharedData
{
    public static string Directory => Repository.SharedDirectory;

    public static string BenchCorpus(params string[] parts) => Path.Combine([Directory, "bench-corpus", .. parts]);

    /// <summary>The project's own corpus (tests/bench-corpus), laid out like the shared one.</summary>
    public static string ProjectCorpus(params string[] parts) => Repository.PathOf(["tests", "bench-corpus", .. parts]);
}
