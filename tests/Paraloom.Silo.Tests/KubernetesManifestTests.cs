using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Paraloom.Silo.Tests.Deployment;

namespace Paraloom.Silo.Tests;

/// <summary>
/// The kustomize overlays under deploy/k8s render and pass <see cref="ManifestChecker"/> offline, and the checker
/// catches the mistakes it is there for.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_overlay_renders_and_every_object_passes_the_checks(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        var problems = Checker(overlay).Check(rendered);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var kinds = KubernetesYaml.LoadAllFromString(rendered, strict: true).Select(item => ((IKubernetesObject)item).Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "Namespace", "StatefulSet", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Role" }, kinds);
    }

    [Fact]
    public void Development_runs_postgresql_in_the_cluster_and_production_takes_it_from_outside()
    {
        var development = KubernetesYaml.LoadAllFromString(Kustomize.Render("development"), strict: true);
        var production = KubernetesYaml.LoadAllFromString(Kustomize.Render("production"), strict: true);

        Assert.Contains(development.OfType<V1StatefulSet>(), statefulSet => statefulSet.Metadata.Name == "paraloom-postgres");
        Assert.Contains(development.OfType<V1Secret>(), secret => secret.Metadata.Name.StartsWith("paraloom-postgres", StringComparison.Ordinal));
        Assert.DoesNotContain(production.OfType<V1StatefulSet>(), statefulSet => statefulSet.Metadata.Name == "paraloom-postgres");
        Assert.Empty(production.OfType<V1Secret>());
    }

    [Fact]
    public void Grafana_is_provisioned_with_exactly_the_dashboards_in_the_repository()
    {
        var dashboards = KubernetesYaml.LoadAllFromString(Kustomize.Render("production"), strict: true)
            .OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "grafana-dashboards");

        var files = Directory.GetFiles(Repository.PathOf("dashboards"), "*.json").ToDictionary(file => Path.GetFileName(file), File.ReadAllText);

        Assert.Equal(files.OrderBy(file => file.Key), dashboards.Data.OrderBy(file => file.Key));
    }

    [Fact]
    public async Task The_drain_timeout_the_manifests_set_is_one_the_host_reads()
    {
        var key = ManifestChecker.ShutdownTimeoutVariable["DOTNET_".Length..];
        var app = SiloHost.Create(["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption, $"--{key}=150"]);
        await using var _ = app;

        Assert.Equal(TimeSpan.FromSeconds(150), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Theory]
    [InlineData("terminationGracePeriodSeconds: 180", "terminationGracePeriodSecond: 180", "does not match the Kubernetes schema")]
    [InlineData("kind: PodDisruptionBudget", "kind: PodDisruptionBudgets", "does not match the Kubernetes schema: no such apiVersion and kind")]
    [InlineData("path: /readyz", "path: /ready", "the readiness probe does not ask /readyz")]
    [InlineData("port: http\n", "port: web\n", "probe uses the undeclared port web")]
    [InlineData("name: Paraloom__ValidatorCapacity", "name: Paraloom__ValidatorCapacty", "Paraloom__ValidatorCapacty is not a silo option")]
    [InlineData("value: PostgreSql", "value: Postgres", "the silo refuses its settings: Failed to convert configuration value 'Postgres' at 'Paraloom:Clustering'")]
    [InlineData("containerPort: 30000", "containerPort: 30001", "port gateway is not Paraloom:GatewayPort 30000")]
    [InlineData("value: \"150\"", "value: \"90\"", "does not outlast the longest execution")]
    [InlineData("- delete", "- update", "may not delete pods")]
    [InlineData("- ALL", "- NET_RAW", "does not drop ALL capabilities")]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "has a writable root filesystem")]
    [InlineData("image: prom/prometheus:v3.0.1", "image: prom/prometheus", "has no fixed tag")]
    [InlineData("name: grafana-dashboards\n", "name: grafana-boards\n", "mounts the missing ConfigMap grafana-dashboards")]
    [InlineData("fsGroupChangePolicy: OnRootMismatch", "fsGroupChangePolicy: Always", "would be opened to the group on every mount")]
    [InlineData("serviceName: paraloom-silo-peers", "serviceName: paraloom-silo", "is not a headless Service")]
    public void The_checker_catches_a_mistake(string correct, string mistake, string expected)
    {
        var rendered = Kustomize.Render("production");
        Assert.Contains(correct, rendered);

        var problems = Checker("production").Check(ReplaceFirst(rendered, correct, mistake));

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    private static ManifestChecker Checker(string overlay) =>
        // The cluster's TLS material holds private keys: the operator creates its Secret in every overlay (deploy/README.md).
        new(ImageHttpPort(), overlay == "production" ? new HashSet<string> { "paraloom-postgres", "paraloom-silo-tls" } : new HashSet<string> { "paraloom-silo-tls" });

    /// <summary>The port the image's entry point serves HTTP on.</summary>
    private static int ImageHttpPort() =>
        int.Parse(ImageUrls().Match(File.ReadAllText(Repository.PathOf("deploy", "Dockerfile"))).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    [GeneratedRegex(@"""--urls"", ""http://\+:(?<port>\d+)""")]
    private static partial Regex ImageUrls();
}
