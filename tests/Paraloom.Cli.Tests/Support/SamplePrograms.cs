namespace Paraloom.Cli.Tests.Support;

/// <summary>The sample job programs in src/programs, found from the test binaries wherever the repository is.</summary>
internal static class SamplePrograms
{
    public static string PathOf(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return Path.Combine(directory.FullName, "src", "programs", name + ".wasm");
            }
        }
        throw new DirectoryNotFoundException("The repository root (Paraloom.Orleans.sln) is not above the test binaries.");
    }
}
