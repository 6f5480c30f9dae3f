using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>The settings the deployment files give the silo are ones it binds, with values it accepts.</summary>
public sealed partial class DeploymentTests
{
    // The manifests' settings are checked on the rendered overlays (KubernetesManifestTests).
    public static TheoryData<string> Files => new("deploy/Dockerfile");

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_Paraloom_setting_names_a_silo_option(string file)
    {
        var settings = Settings(File.ReadAllText(Repository.PathOf(file.Split('/')))).ToList();

        Assert.NotEmpty(settings);
        foreach (var (key, _) in settings)
        {
            Assert.True(SiloOptionPaths.Binds(key), $"{file}: {key} is not a property path of {nameof(SiloOptions)}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_given_values_bind_and_validate(string file)
    {
        var values = Settings(File.ReadAllText(Repository.PathOf(file.Split('/'))))
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), setting.Value));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>(binder => binder.ErrorOnUnknownConfiguration = true)!;

        options.Validate();
        Assert.Equal("/data", options.StorageDirectory);
    }

    [Fact]
    public void The_image_restores_every_project_the_silo_depends_on()
    {
        var dockerfile = File.ReadAllText(Repository.PathOf("deploy", "Dockerfile"));

        var projects = ProjectClosure("src/Paraloom.Silo/Paraloom.Silo.csproj");

        Assert.Contains("src/Paraloom.Grains/Paraloom.Grains.csproj", projects);
        foreach (var project in projects)
        {
            Assert.True(dockerfile.Contains($"COPY {project} {Path.GetDirectoryName(project)}/", StringComparison.Ordinal),
                $"deploy/Dockerfile does not copy {project} before its restore");
        }
    }

    [Fact]
    public void The_scrape_job_is_the_one_the_silos_dashboard_reads()
    {
        var prometheus = File.ReadAllText(Repository.PathOf("deploy", "k8s", "base", "prometheus.yaml"));
        using var silos = Dashboards.Load("silos");

        var job = Assert.Single(ScrapeJob().Matches(prometheus)).Groups["job"].Value;

        Assert.Contains(Dashboards.Expressions(silos.RootElement), expression => expression.Contains($"up{{job=\"{job}\"}}", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_that_are_not_options_are_caught()
    {
        Assert.False(SiloOptionPaths.Binds("Paraloom__Caps__MaxFuelUnits"));
        Assert.False(SiloOptionPaths.Binds("Paraloom__Postgres"));
        Assert.True(SiloOptionPaths.Binds("Paraloom__caps__maxfuel"));
    }

    /// <summary>The Dockerfile's <c>ENV Paraloom__…</c> settings with their value.</summary>
    private static IEnumerable<(string Key, string? Value)> Settings(string text)
    {
        foreach (Match match in DockerEnv().Matches(text))
        {
            yield return (match.Groups["key"].Value, match.Groups["value"].Value);
        }
    }

    /// <summary>The project and every project it references, transitively, as paths from the repository root.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }
            var directory = Path.GetDirectoryName(next)!;
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(Repository.PathOf(next.Split('/')))))
            {
                var full = Path.GetFullPath(Path.Combine(Repository.Root, directory, reference.Groups["path"].Value));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }
        return found;
    }

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"- job_name: (?<job>\S+)")]
    private static partial Regex ScrapeJob();

    [GeneratedRegex(@"^ENV (?<key>Paraloom__\w+)=(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DockerEnv();
}
