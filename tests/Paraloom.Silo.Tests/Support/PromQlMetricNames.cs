using System.Text.RegularExpressions;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// The metric names a PromQL expression selects: what is left once strings, label matchers, ranges and
/// grouping clauses are removed, minus function calls and keywords.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    public static IReadOnlySet<string> Of(string expression)
    {
        var bare = StringLiteral().Replace(expression, "");
        bare = LabelMatchers().Replace(bare, "");
        bare = RangeOrSubquery().Replace(bare, "");
        bare = GroupingClause().Replace(bare, "");
        return Identifier().Matches(bare)
            .Where(match => !bare.AsSpan(match.Index + match.Length).TrimStart().StartsWith("("))
            .Select(match => match.Value)
            .Where(name => !Keywords.Contains(name.ToLowerInvariant()))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingClause();

    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][\w:]*")]
    private static partial Regex Identifier();
}
