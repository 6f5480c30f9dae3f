using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Paraloom.Client;

namespace Paraloom.DashboardCheck;

/// <summary>
/// Proves the dashboards against a real Prometheus: starts a silo and a Prometheus scraping it (both on free
/// loopback ports), runs the job mix, evaluates every dashboard expression through Prometheus' HTTP API, prints
/// one line per expression and then "N returned data, N empty, N errors". Exit code 0 only if every expression
/// returned data; 2 when the check itself could not run.
/// Usage: Paraloom.DashboardCheck [--prometheus PATH] [--dashboards DIR]
/// </summary>
internal static class CheckCommand
{
    public static async Task<int> Main(string[] args)
    {
        var prometheus = Option(args, "--prometheus") ?? "prometheus";
        var dashboards = Option(args, "--dashboards") ?? Repository.PathOf("dashboards");
        var expressions = DashboardExpressions.Read(dashboards);
        if (expressions.Count == 0)
        {
            await Console.Error.WriteLineAsync($"dashboard check: no expressions in {dashboards}");
            return 2;
        }

        try
        {
            await using var silo = new CheckedSilo(FreePort());
            silo.StartServer();
            Console.WriteLine($"dashboard check: silo at {silo.Address}, {CheckedSilo.Validators} validators, {CheckedSilo.Faulty} signs badly");
            await using var server = await PrometheusServer.StartAsync(prometheus, FreePort(), silo.Address);
            Console.WriteLine($"dashboard check: Prometheus scraping it every {PrometheusServer.ScrapeInterval.TotalSeconds} s");
            await server.WaitForScrapesAsync(2);

            using (var client = new ParaloomClient(silo.Address))
            {
                await JobMix.RunAsync(client, Console.Out);
            }
            // The last events must be in at least two scrapes for rate() and increase() to see them.
            await Task.Delay(PrometheusServer.ScrapeInterval * 3);
            await server.WaitForScrapesAsync(5);
            await ReportExercisedAsync(server);

            return await EvaluateAsync(server, expressions);
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException or HttpRequestException
            or System.ComponentModel.Win32Exception or ParaloomApiException)
        {
            await Console.Error.WriteLineAsync($"dashboard check: {failure.Message}");
            return 2;
        }
    }

    private static async Task<int> EvaluateAsync(PrometheusServer server, IReadOnlyList<DashboardExpression> expressions)
    {
        int data = 0, empty = 0, errors = 0;
        foreach (var expression in expressions)
        {
            var result = await server.QueryAsync(expression.Expression);
            string verdict;
            if (result.Error is { } error)
            {
                errors++;
                verdict = $"error ({error})";
            }
            else if (result.Data!.Value.GetArrayLength() == 0)
            {
                empty++;
                verdict = "empty";
            }
            else
            {
                data++;
                verdict = $"data ({result.Data.Value.GetArrayLength()} series)";
            }
            Console.WriteLine($"{verdict,-18} {expression.Dashboard} / {expression.Panel}: {expression.Expression}");
        }
        Console.WriteLine($"{data} returned data, {empty} empty, {errors} errors");
        return data == expressions.Count ? 0 : 1;
    }

    /// <summary>What Prometheus saw of the mix's retry and penalty: both must be there for the check to mean anything.</summary>
    private static async Task ReportExercisedAsync(PrometheusServer server)
    {
        var retries = await ScalarAsync(server, "sum(paraloom_compute_jobs_retries_total)");
        var penalties = await ScalarAsync(server, "sum(paraloom_compute_validator_conduct_total{conduct!~\"agreed|inconclusive\"})");
        Console.WriteLine($"dashboard check: Prometheus saw {retries} retries and {penalties} penalties");
        if (retries < 1 || penalties < 1)
        {
            throw new InvalidOperationException("The job mix did not produce a retry and a penalty.");
        }
    }

    private static async Task<double> ScalarAsync(PrometheusServer server, string expression)
    {
        var result = await server.QueryAsync(expression);
        return result.Data is { } data && data.GetArrayLength() == 1
            ? double.Parse(data[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"'{expression}' returned no single value: {result.Error ?? "empty"}");
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
