using System.Globalization;
using Paraloom.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Paraloom.Cli.Demo;

/// <summary>How the demo shows a job's progress and the final comparison.</summary>
internal static class DemoView
{
    public static IRenderable Progress(JobProgress? status)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]private aggregation[/]")
            .AddColumn("validator").AddColumn("public key").AddColumn("role");
        if (status is null)
        {
            return table.Caption("submitting…");
        }
        foreach (var member in status.Cohort)
        {
            table.AddRow(member.ValidatorId, member.PublicKey.ToHex()[..16] + "…", status.AwaitingKeys ? "awaiting its job key" : "holds the job key");
        }
        return table.Caption(Markup.Escape(Describe(status)));
    }

    public static string Describe(JobProgress status)
    {
        var votes = $"{status.VotesReceived}/{status.Cohort.Count} votes (agreement at {status.Threshold})";
        return status.State switch
        {
            JobState.Submitted => "waiting for validators with free capacity",
            JobState.AwaitingKeys => $"attempt {status.Attempt}: handing the job key to the cohort",
            JobState.Finalised => $"attempt {status.Attempt}: the cohort agreed, {votes}, on result digest {status.Digest![..16]}…",
            JobState.Rejected => $"rejected: {status.Reason}",
            _ => $"attempt {status.Attempt}: {status.State}, {votes}",
        };
    }

    public static Table Comparison(SalaryStatistics fromCohort, SalaryStatistics local)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]decrypted by the requester[/]")
            .AddColumn("statistic").AddColumn(new TableColumn("cohort").RightAligned()).AddColumn(new TableColumn("plain C#").RightAligned())
            .AddColumn("same bits");
        Row(table, "count", fromCohort.Count.ToString(CultureInfo.InvariantCulture), local.Count.ToString(CultureInfo.InvariantCulture), fromCohort.Count == local.Count);
        Row(table, "sum", Money(fromCohort.Sum), Money(local.Sum), fromCohort.Sum == local.Sum);
        Row(table, "min", Money(fromCohort.Min), Money(local.Min), fromCohort.Min == local.Min);
        Row(table, "max", Money(fromCohort.Max), Money(local.Max), fromCohort.Max == local.Max);
        Row(table, "mean", Money(fromCohort.Mean), Money(local.Mean), SameBits(fromCohort.Mean, local.Mean));
        Row(table, "std. deviation", Money(fromCohort.StandardDeviation), Money(local.StandardDeviation),
            SameBits(fromCohort.StandardDeviation, local.StandardDeviation));
        return table;
    }

    public static bool SameBits(double left, double right) => BitConverter.DoubleToInt64Bits(left) == BitConverter.DoubleToInt64Bits(right);

    private static void Row(Table table, string name, string cohort, string local, bool same) =>
        table.AddRow(name, cohort, local, same ? "[green]yes[/]" : "[red]NO[/]");

    private static string Money(long cents) => (cents / 100.0).ToString("N2", CultureInfo.InvariantCulture);

    private static string Money(double cents) => (cents / 100.0).ToString("N4", CultureInfo.InvariantCulture);
}
