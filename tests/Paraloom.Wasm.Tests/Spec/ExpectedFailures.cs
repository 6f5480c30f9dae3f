namespace Paraloom.Wasm.Tests.Spec;

/// <summary>The checked-in list of spec commands known to fail: "FILE.wast:LINE reason" per line.</summary>
internal static class ExpectedFailures
{
    private static readonly Lazy<Dictionary<string, string>> Entries = new(Load);

    public static bool Contains(string file, int line) => Entries.Value.ContainsKey($"{file}:{line}");

    public static int CountFor(string file) => Entries.Value.Keys.Count(k => k.StartsWith(file + ":", StringComparison.Ordinal));

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "spec-expected-failures.txt");
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            if (space < 0) throw new InvalidOperationException($"spec-expected-failures.txt: \"{line}\" gives no reason");
            entries[line[..space]] = line[(space + 1)..].Trim();
        }
        return entries;
    }
}
