using System.Text.Json;
using Paraloom.Silo.Tests.Deployment;

namespace Paraloom.Silo.Tests;

/// <summary>deploy/azure/main.bicep compiles cleanly against Azure's resource types, and names what the deployment needs.</summary>
public sealed class AzureTemplateTests
{
    private static readonly string Template = Repository.PathOf("deploy", "azure", "main.bicep");

    /// <summary>The template compiled once: the compiler takes seconds to start.</summary>
    private static readonly Lazy<(JsonDocument? Template, IReadOnlyList<string> Diagnostics)> Compiled = new(() => Bicep.Build(Template));

    [Fact]
    public void The_template_compiles_without_a_warning()
    {
        var (template, diagnostics) = Compiled.Value;

        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics));
        Assert.NotNull(template);
    }

    [Fact]
    public void The_template_creates_the_cluster_the_registry_and_the_database_it_can_reach()
    {
        var template = Compiled.Value.Template!;

        var types = template.RootElement.GetProperty("resources").EnumerateArray()
            .Select(resource => resource.GetProperty("type").GetString()).ToHashSet();

        Assert.Superset(new HashSet<string?>
        {
            "Microsoft.ContainerService/managedClusters",
            "Microsoft.ContainerRegistry/registries",
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "Microsoft.DBforPostgreSQL/flexibleServers/databases",
            "Microsoft.Network/virtualNetworks",
            "Microsoft.Network/privateDnsZones",
            "Microsoft.Authorization/roleAssignments",
        }, types);
    }

    [Fact]
    public void Every_parameter_is_documented_and_the_password_is_secret()
    {
        var template = Compiled.Value.Template!;

        var parameters = template.RootElement.GetProperty("parameters").EnumerateObject().ToList();

        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            Assert.True(parameter.Value.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("description", out _),
                $"{parameter.Name} has no @description");
        }
        Assert.Equal("securestring", parameters.Single(parameter => parameter.Name == "postgresAdministratorPassword").Value.GetProperty("type").GetString());
    }

    [Fact]
    public void A_misspelt_property_is_reported()
    {
        var misspelt = Path.Combine(Path.GetTempPath(), $"paraloom-{Guid.NewGuid():N}.bicep");
        File.WriteAllText(misspelt, File.ReadAllText(Template).Replace("adminUserEnabled: false", "adminUserEnable: false", StringComparison.Ordinal));
        try
        {
            var (_, diagnostics) = Bicep.Build(misspelt);

            Assert.Contains(diagnostics, diagnostic => diagnostic.Contains("\"adminUserEnable\" is not allowed", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(misspelt);
        }
    }
}
