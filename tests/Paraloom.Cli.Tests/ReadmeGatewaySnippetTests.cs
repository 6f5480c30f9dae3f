using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Paraloom.Cli.Tests.Support;
using Paraloom.Testing.Snippets;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The README's Orleans-gateway snippet runs as written against <c>paraloom localnet --gateway-port</c>: compiled as a
/// console program, run in a directory holding what it reads (<c>paraloom.key</c>, <c>src/programs/echo.wasm</c>, localnet's
/// client certificate under <c>paraloom-localnet/tls</c>), it
/// submits a private job through the gateway, waits for it and decrypts its result. The only change is the port: the
/// README's 30000 becomes a free one, as tests never listen on a fixed port.
/// </summary>
public sealed class ReadmeGatewaySnippetTests : IDisposable
{
    private const string ReadmePort = "30000";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly string _work = Directory.CreateTempSubdirectory("paraloom-snippet-").FullName;
    private readonly string _program = Path.Combine(AppContext.BaseDirectory, $"readme-snippet-{Guid.NewGuid():N}.dll");

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        File.Delete(_program);
    }

    [Fact]
    public async Task The_gateway_snippet_runs_as_written_against_a_localnet_with_that_gateway_port()
    {
        var readme = await File.ReadAllTextAsync(Repository.PathOf("README.md"));
        var snippet = ReadmeSnippets.Of(readme).Single(block => block.Contains("UseParaloomClustering"));
        Assert.Contains($"GatewayPort = {ReadmePort}", snippet);
        Assert.Contains($"paraloom localnet --gateway-port {ReadmePort}", readme);
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Compile(snippet.Replace($"GatewayPort = {ReadmePort}", $"GatewayPort = {port}", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_work, "src", "programs"));
        File.Copy(Repository.ProgramPath("echo"), Path.Combine(_work, "src", "programs", "echo.wasm"));
        var keys = await CliRunner.RunAsync("keys", "new", "--out", _work);
        Assert.Equal(0, keys.Exit);

        var localnet = LocalnetProcess.WithArguments("--gateway-port", port);
        await localnet.InitializeAsync();
        CopyClientCertificate(Path.Combine(localnet.DataDirectory, "tls"), Path.Combine(_work, "paraloom-localnet", "tls"));
        (int Exit, string Output) run;
        try
        {
            run = await RunSnippetAsync();
        }
        finally
        {
            await localnet.DisposeAsync();
        }
        var (exit, output) = run;

        Assert.True(exit == 0, $"the snippet exited with {exit}:\n{output}");
    }

    /// <summary>What the snippet reads from localnet's default data directory, taken from this test's localnet.</summary>
    private static void CopyClientCertificate(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in new[] { "ca.crt", "client.crt", "client.key" })
        {
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
        }
    }

    private void Compile(string snippet)
    {
        using var program = File.Create(_program);
        var emitted = ReadmeSnippets.Compile(snippet, program);
        Assert.True(emitted.Success, ReadmeSnippets.Errors(emitted));
    }

    /// <summary>Runs the compiled snippet with this test's runtime and dependencies, in the working directory it reads from.</summary>
    private async Task<(int Exit, string Output)> RunSnippetAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var tests = Path.Combine(AppContext.BaseDirectory, "Paraloom.Cli.Tests");
        foreach (var argument in new[] { "exec", "--runtimeconfig", tests + ".runtimeconfig.json", "--depsfile", tests + ".deps.json", _program })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the snippet did not end within {Bound}");
        }
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
