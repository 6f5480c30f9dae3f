using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>The settings the deployment files give the silo are ones it binds, with values it accepts.</summary>
public sealed partial class DeploymentTests
{
    public static TheoryData<string> Files => new("deploy/k8s/silo.yaml", "deploy/Dockerfile");

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_Paraloom_setting_names_a_silo_option(string file)
    {
        var settings = Settings(File.ReadAllText(Repository.PathOf(file.Split('/')))).ToList();

        Assert.NotEmpty(settings);
        foreach (var (key, _) in settings)
        {
            Assert.True(Binds(typeof(SiloOptions), key.Split("__").Skip(1)), $"{file}: {key} is not a property path of {nameof(SiloOptions)}");
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
    public void Keys_that_are_not_options_are_caught()
    {
        Assert.False(Binds(typeof(SiloOptions), ["Caps", "MaxFuelUnits"]));
        Assert.False(Binds(typeof(SiloOptions), ["Postgres"]));
        Assert.True(Binds(typeof(SiloOptions), ["caps", "maxfuel"]));
    }

    /// <summary>Environment variable names <c>Paraloom__…</c> with their literal value (null when taken from elsewhere).</summary>
    private static IEnumerable<(string Key, string? Value)> Settings(string text)
    {
        foreach (Match match in ManifestEnv().Matches(text))
        {
            yield return (match.Groups["key"].Value, match.Groups["value"].Success ? match.Groups["value"].Value : null);
        }
        foreach (Match match in DockerEnv().Matches(text))
        {
            yield return (match.Groups["key"].Value, match.Groups["value"].Value);
        }
    }

    /// <summary>Whether <paramref name="path"/> leads through public settable properties, as configuration binding matches them.</summary>
    private static bool Binds(Type type, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.SetMethod is not { IsPublic: true })
            {
                return false;
            }
            type = property.PropertyType;
        }
        return true;
    }

    [GeneratedRegex(@"- name: (?<key>Paraloom__\w+)\s*\n\s*(?:value: ""?(?<value>[^""\n]*)""?|valueFrom:)")]
    private static partial Regex ManifestEnv();

    [GeneratedRegex(@"^ENV (?<key>Paraloom__\w+)=(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DockerEnv();
}
