namespace Paraloom.Benchmarks.Compute;

/// <summary>Reads ../shared/bench-corpus next to the repository root, or under PARALOOM_SHARED_DIR when set.</summary>
internal static class BenchCorpus
{
    public static byte[] Module(string program) => File.ReadAllBytes(PathOf("build", $"{program}.wasm"));

    public static byte[] Input(string program, string input) => File.ReadAllBytes(PathOf("inputs", $"{program}-{input}.bin"));

    private static string PathOf(string folder, string file)
    {
        return Path.Combine(Repository.SharedDirectory, "bench-corpus", folder, file);
    }
}
