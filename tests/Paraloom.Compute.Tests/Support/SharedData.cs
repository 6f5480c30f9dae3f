namespace Paraloom.Compute.Tests.Support;

/// <summary>Locates ../shared next to the repository root, or PARALOOM_SHARED_DIR when set.</summary>
internal static class SharedData
{
    public static string Directory => Repository.SharedDirectory;

    public static string BenchCorpus(params string[] parts) => Path.Combine([Directory, "bench-corpus", .. parts]);
}
