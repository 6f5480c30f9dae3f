using System.Text.RegularExpressions;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// The code uses exactly the domain-separation tags of docs/cryptography.md's table (§2): every tag literal in the
/// sources has a row, and every row is a tag some source still uses (rows marked "inside libsecp256k1" are the
/// library's own and appear in no source of ours). Each tag is listed once.
/// </summary>
public partial class DomainTagTests
{
    private const string TableHeading = "## 2. Domain-separation tags";
    private const string LibraryOwned = "inside libsecp256k1";

    [GeneratedRegex("\"((?:[Pp]araloom|BIP0340)/[A-Za-z0-9/-]+)")]
    private static partial Regex TagLiteral();

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|([^|]*)\|")]
    private static partial Regex TableRow();

    [Fact]
    public void Every_tag_in_the_code_is_in_the_table_and_every_row_is_used()
    {
        IReadOnlyList<(string Tag, string UsedAs)> rows = DocumentedTags();
        Dictionary<string, List<string>> inCode = TagsInSources();

        string[] undocumented = [.. inCode.Keys.Where(tag => rows.All(row => row.Tag != tag))
            .Select(tag => $"{tag} (in {string.Join(", ", inCode[tag])})")];
        string[] unused = [.. rows.Where(row => !row.UsedAs.Contains(LibraryOwned, StringComparison.Ordinal) && !inCode.ContainsKey(row.Tag))
            .Select(row => row.Tag)];

        Assert.True(undocumented.Length == 0, "Tags the code uses that docs/cryptography.md §2 lacks: " + string.Join("; ", undocumented));
        Assert.True(unused.Length == 0, "Tags docs/cryptography.md §2 lists that no source uses: " + string.Join("; ", unused));
    }

    [Fact]
    public void The_table_lists_each_tag_once_and_finds_the_known_ones()
    {
        string[] tags = [.. DocumentedTags().Select(row => row.Tag)];
        string[] repeated = [.. tags.GroupBy(tag => tag).Where(group => group.Count() > 1).Select(group => group.Key)];
        Assert.True(repeated.Length == 0, "Tags listed more than once: " + string.Join(", ", repeated));
        // The parsers themselves: both must see tags that certainly exist, or the comparison above proves nothing.
        Assert.Contains("Paraloom/ownership-challenge/v1", tags);
        Assert.Contains("paraloom/vote/v3", TagsInSources().Keys);
    }

    private static IReadOnlyList<(string Tag, string UsedAs)> DocumentedTags()
    {
        string[] lines = File.ReadAllLines(Repository.PathOf("docs", "cryptography.md"));
        int start = Array.IndexOf(lines, TableHeading);
        Assert.True(start >= 0, $"docs/cryptography.md has no '{TableHeading}' section.");
        return [.. lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => TableRow().Match(line)).Where(match => match.Success)
            .Select(match => (match.Groups[1].Value, match.Groups[2].Value.Trim()))];
    }

    /// <summary>Tag literals in src/**/*.cs, outside comments (which quote tags, and may quote stale ones).</summary>
    private static Dictionary<string, List<string>> TagsInSources()
    {
        string source = Repository.PathOf("src");
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            foreach (string line in File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            {
                foreach (Match match in TagLiteral().Matches(line))
                {
                    string tag = match.Groups[1].Value;
                    if (!tags.TryGetValue(tag, out List<string>? files)) tags[tag] = files = [];
                    if (!files.Contains(relative)) files.Add(relative);
                }
            }
        }
        return tags;
    }
}
