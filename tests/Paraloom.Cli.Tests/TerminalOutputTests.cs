using System.Text.RegularExpressions;
using Paraloom.Cli.Tests.Support;

namespace Paraloom.Cli.Tests;

/// <summary>On a terminal the demo is coloured, unless NO_COLOR is set (https://no-color.org): then styles stay, colours go.</summary>
public sealed partial class TerminalOutputTests
{
    [Fact]
    public async Task No_color_turns_the_colours_off_on_a_terminal()
    {
        var coloured = await ParaloomProcess.RunInTerminalAsync(new Dictionary<string, string>(), "demo", "--count", "50", "--seed", "3");
        var plain = await ParaloomProcess.RunInTerminalAsync(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "demo", "--count", "50", "--seed", "3");

        Assert.True(coloured.Exit == 0, coloured.Output + coloured.Error);
        Assert.True(plain.Exit == 0, plain.Output + plain.Error);
        Assert.Matches(ColourCode(), coloured.Output);
        Assert.DoesNotMatch(ColourCode(), plain.Output);
        Assert.Contains("bit-for-bit", plain.Output);
    }

    /// <summary>An SGR sequence that sets a foreground or background colour (30–37, 38;…, 40–47, 48;…, 90–97, 100–107).</summary>
    [GeneratedRegex(@"\x1b\[(?:[0-9]+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]+)*m")]
    private static partial Regex ColourCode();
}
