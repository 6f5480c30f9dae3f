using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Paraloom.DashboardCheck;

/// <summary>
/// A Prometheus process on a loopback port, scraping one silo every second into a temporary directory, and its
/// HTTP query API. Disposing stops the process and deletes the directory.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The scrape job's name: the one the Silos dashboard and deploy/k8s/base/prometheus.yaml use.</summary>
    public const string Job = "paraloom-silo";

    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly string _directory;
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusServer(string directory, Process process, Uri address)
    {
        _directory = directory;
        _process = process;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<PrometheusServer> StartAsync(string executable, int port, Uri silo)
    {
        var directory = Directory.CreateTempSubdirectory("paraloom-check-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: {ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s
              evaluation_interval: {ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ["{silo.Authority}"]
            """);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(directory, "data"),
                $"--web.listen-address=127.0.0.1:{port}",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        // Its log goes nowhere, but must be drained so the process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(directory, process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Waits until Prometheus has scraped the silo successfully at least <paramref name="scrapes"/> times.</summary>
    public async Task WaitForScrapesAsync(int scrapes)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var result = await QueryAsync($"count_over_time(up{{job=\"{Job}\"}}[5m])");
            if (result.Data is { } data && data.GetArrayLength() > 0
                && double.Parse(data[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) >= scrapes
                && (await QueryAsync($"up{{job=\"{Job}\"}} == 1")).Data?.GetArrayLength() > 0)
            {
                return;
            }
            await Task.Delay(ScrapeInterval);
        }
        throw new TimeoutException($"Prometheus did not scrape the silo {scrapes} times within two minutes.");
    }

    /// <summary>An instant query now: the result vector, or the error Prometheus gave.</summary>
    public async Task<QueryResult> QueryAsync(string expression)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expression));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return new QueryResult(null, root.TryGetProperty("error", out var error) ? error.GetString() : $"HTTP {(int)response.StatusCode}");
        }
        var data = root.GetProperty("data");
        var result = data.GetProperty("result");
        // A scalar or string result is one value; a vector or matrix is a list of series.
        return new QueryResult(result.ValueKind == JsonValueKind.Array ? result.Clone() : JsonSerializer.SerializeToElement(new[] { result.Clone() }), null);
    }

    private async Task WaitReadyAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode} before it was ready.");
            }
            try
            {
                using var response = await _http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Prometheus was not ready within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The series an expression returned (null on error), or the error.</summary>
    public sealed record QueryResult(JsonElement? Data, string? Error);
}
