using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Paraloom.Cli.Tests;

/// <summary>
/// The packages a user installs, packed from this build: each under the one version Directory.Build.props sets, with its
/// own description and readme; the tool without native libraries for runtimes it cannot run on; nothing else packable.
/// </summary>
public sealed partial class PackagingTests : IDisposable
{
    private static readonly string[] Packages = ["Privacy", "Compute", "Abstractions", "Client", "Cli"];

    private readonly string _output = Directory.CreateTempSubdirectory("paraloom-packages-").FullName;

    [Fact]
    public async Task Every_package_has_the_one_version_a_description_and_a_readme_and_the_tool_only_runtimes_it_runs_on()
    {
        var version = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        foreach (var project in Packages.Concat(["Grains", "Silo", "Sandbox", "Wasm"]))
        {
            await PackAsync(project);
        }

        Assert.Equal(Packages.Select(name => $"Paraloom.{name}.{version}.nupkg").Order(), Directory.GetFiles(_output).Select(Path.GetFileName).Order());
        foreach (var name in Packages)
        {
            using var package = ZipFile.OpenRead(Path.Combine(_output, $"Paraloom.{name}.{version}.nupkg"));
            var nuspec = XDocument.Load(package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string Field(string field) => nuspec.Descendants().Single(element => element.Name.LocalName == field).Value;
            Assert.Equal(version, Field("version"));
            Assert.Contains("Paraloom Compute", Field("description"), StringComparison.Ordinal);
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains(package.Entries, entry => entry.FullName == "README.md");
            if (name == "Cli")
            {
                var runtimes = package.Entries.Select(entry => RuntimeFolder().Match(entry.FullName)).Where(match => match.Success)
                    .Select(match => match.Groups["rid"].Value).ToHashSet();
                Assert.Contains("linux-x64", runtimes);
                Assert.DoesNotContain(runtimes, rid => rid.StartsWith("ios", StringComparison.Ordinal) || rid.StartsWith("android", StringComparison.Ordinal) || rid.StartsWith("browser", StringComparison.Ordinal));
            }
        }
    }

    private async Task PackAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["pack", Path.Combine(Repository.Root, "src", $"Paraloom.{project}"), "-c", "Release", "--no-build", "-o", _output, "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var error = pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        Assert.True(pack.ExitCode == 0, $"dotnet pack {project}: {await output}{await error}");
    }

    [GeneratedRegex(@"^tools/[^/]+/any/runtimes/(?<rid>[^/]+)/")]
    private static partial Regex RuntimeFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
