using Paraloom.Cli.Demo;
using Paraloom.Cli.Tests.Support;

namespace Paraloom.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_agrees_decrypts_and_matches_the_plain_computation()
    {
        var (exit, output, error) = await CliRunner.RunAsync("demo", "--count", "300", "--seed", "11");

        Assert.True(exit == 0, error + output);
        Assert.Contains("generated 300 salaries (seed 11)", output);
        Assert.Contains("the cohort agreed, 3/3 votes (agreement at 3), on result digest", output);
        Assert.Contains("bit-for-bit", output);
        var fee = System.Text.RegularExpressions.Regex.Match(output, @"fee (\d+) credits \(fuel \d+ × 3 validators, and its stored bytes\); the account has (\d+) credits left, 0 held");
        Assert.True(fee.Success, output);
        Assert.Equal(Paraloom.Cli.Commands.LocalSilo.NewcomerCredits - long.Parse(fee.Groups[1].Value), long.Parse(fee.Groups[2].Value));
        Assert.DoesNotContain("NO", output);
        // Not a terminal: plain text, no ANSI codes, and no line broken at 80 columns.
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void The_statistics_decode_what_the_program_writes_and_refuse_anything_else()
    {
        var values = SalaryStatistics.GenerateSalaries(50, 3);
        var expected = SalaryStatistics.Compute(values);
        var encoded = new byte[SalaryStatistics.OutputSize];
        "STA1"u8.CopyTo(encoded);
        BitConverter.TryWriteBytes(encoded.AsSpan(4), expected.Count);
        BitConverter.TryWriteBytes(encoded.AsSpan(12), expected.Sum);
        BitConverter.TryWriteBytes(encoded.AsSpan(20), expected.Min);
        BitConverter.TryWriteBytes(encoded.AsSpan(28), expected.Max);
        BitConverter.TryWriteBytes(encoded.AsSpan(36), expected.Mean);
        BitConverter.TryWriteBytes(encoded.AsSpan(44), expected.StandardDeviation);

        Assert.Equal(expected, SalaryStatistics.Decode(encoded));
        Assert.Equal(values.Sum(), expected.Sum);
        Assert.Equal(values.Min(), expected.Min);
        Assert.Throws<FormatException>(() => SalaryStatistics.Decode("ERR!\u0004\0\0\0"u8));
    }

    [Fact]
    public void The_sample_programs_are_embedded()
    {
        Assert.Equal("\0asm"u8.ToArray(), EmbeddedPrograms.Read("aggregate")[..4]);
        Assert.Throws<InvalidOperationException>(() => EmbeddedPrograms.Read("missing"));
    }
}
