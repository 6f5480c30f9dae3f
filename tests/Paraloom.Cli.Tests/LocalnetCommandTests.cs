using System.Net.Http.Json;
using Paraloom.Cli.Tests.Support;

namespace Paraloom.Cli.Tests;

public sealed class LocalnetCommandTests
{
    [Fact]
    public async Task Localnet_serves_three_validators_on_its_file_store_and_stops_cleanly_on_sigterm()
    {
        await using var localnet = new LocalnetProcessScope();
        await localnet.Process.InitializeAsync();
        using var http = new HttpClient { BaseAddress = localnet.Process.Url, Timeout = TimeSpan.FromSeconds(30) };

        var validators = await http.GetFromJsonAsync<List<Dictionary<string, object>>>("/v1/validators");
        var reference = await http.GetAsync("/scalar");
        var exit = await localnet.Process.StopAsync();

        Assert.Equal(3, validators!.Count);
        Assert.Equal(System.Net.HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(localnet.Process.DataDirectory, "keys"), "*.key").Length);
        Assert.Equal(0, exit);
        Assert.Contains("paraloom localnet stopped", localnet.Process.Output);
    }

    [Fact]
    public async Task A_bad_port_is_refused_before_anything_starts()
    {
        var (exit, _, error) = await CliRunner.RunAsync("localnet", "--port", "70000");

        Assert.Equal(2, exit);
        Assert.Equal("paraloom localnet: --port must be a number from 0 to 65535, not '70000'. (see --help)", error.TrimEnd());
    }

    private sealed class LocalnetProcessScope : IAsyncDisposable
    {
        public LocalnetProcess Process { get; } = new();

        public ValueTask DisposeAsync() => new(Process.DisposeAsync());
    }
}
