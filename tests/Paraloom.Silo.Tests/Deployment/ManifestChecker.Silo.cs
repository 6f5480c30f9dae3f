using k8s.Models;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests.Deployment;

/// <summary>The silo's StatefulSet against the silo itself: image, ports, paths, drain, settings, Kubernetes hosting.</summary>
internal sealed partial class ManifestChecker
{
    private sealed partial class Pass
    {
        private void CheckSilo(V1StatefulSet silo)
        {
            var name = $"StatefulSet/{Silo}";
            var pod = silo.Spec.Template;
            var container = pod.Spec.Containers.FirstOrDefault(candidate => candidate.Name == "silo");
            if (container is null)
            {
                problems.Add($"{name} has no container named silo");
                return;
            }
            Require(Repository(container.Image) == Silo, $"{name}: image {container.Image} is not the silo image ({Silo}, deploy/Dockerfile)");

            var options = Options(name, container);
            var ports = (container.Ports ?? []).Where(port => port.Name is not null).DistinctBy(port => port.Name)
                .ToDictionary(port => port.Name, port => port.ContainerPort);
            Require(ports.GetValueOrDefault("http") == checker.HttpPort, $"{name}: port http is not the image's HTTP port {checker.HttpPort}");
            Require(ports.GetValueOrDefault("silo") == options.SiloPort, $"{name}: port silo is not Paraloom:SiloPort {options.SiloPort}");
            Require(ports.GetValueOrDefault("gateway") == options.GatewayPort, $"{name}: port gateway is not Paraloom:GatewayPort {options.GatewayPort}");

            Require(container.StartupProbe?.HttpGet?.Path == OperationsEndpoints.LivenessPath,
                $"{name}: the startup probe does not ask {OperationsEndpoints.LivenessPath}");
            Require(container.LivenessProbe?.HttpGet?.Path == OperationsEndpoints.LivenessPath,
                $"{name}: the liveness probe does not ask {OperationsEndpoints.LivenessPath}");
            Require(container.ReadinessProbe?.HttpGet?.Path == OperationsEndpoints.ReadinessPath,
                $"{name}: the readiness probe does not ask {OperationsEndpoints.ReadinessPath}");
            var annotations = pod.Metadata.Annotations ?? new Dictionary<string, string>();
            Require(Value(annotations, "prometheus.io/scrape") == "true"
                && Value(annotations, "prometheus.io/path") == MetricsEndpoint.Path
                && Value(annotations, "prometheus.io/port") == checker.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{name}: the scrape annotations do not name {MetricsEndpoint.Path} on port {checker.HttpPort}");

            // The drain: the preStop pause and the host's shutdown fit in the grace period, and the shutdown outlasts an execution.
            var pause = container.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
            var shutdown = int.TryParse(Literal(container, ShutdownTimeoutVariable), out var seconds) ? seconds : 0;
            Require(pause > 0, $"{name} has no preStop pause");
            Require(TimeSpan.FromSeconds(shutdown) > options.Caps.ToNetworkCaps().MaxWallClock,
                $"{name}: {ShutdownTimeoutVariable} ({shutdown} s) does not outlast the longest execution ({options.Caps.ToNetworkCaps().MaxWallClock})");
            Require(pod.Spec.TerminationGracePeriodSeconds > pause + shutdown,
                $"{name}: terminationGracePeriodSeconds ({pod.Spec.TerminationGracePeriodSeconds}) is not longer than the drain ({pause} s + {shutdown} s)");

            // The validators' keys live on a volume of the silo's own (a claim template), so a restarted silo keeps them.
            var keys = options.KeyDirectory ?? Path.Combine(options.StorageDirectory ?? "", "keys");
            var claims = silo.Spec.VolumeClaimTemplates?.Select(claim => claim.Metadata.Name).ToHashSet() ?? [];
            Require((container.VolumeMounts ?? []).Any(mount => claims.Contains(mount.Name) && Under(keys, mount.MountPath)),
                $"{name}: the key directory {keys} is not on a per-silo volume");

            Require(Find<V1Service>(Silo) is { } client && client.Spec.ClusterIP != "None"
                && new[] { "http", "gateway" }.All(port => client.Spec.Ports.Any(exposed => exposed.TargetPort?.Value == port)),
                $"Service/{Silo} does not expose the HTTP API and the gateway");
            Require(objects.OfType<V1PodDisruptionBudget>().Any(budget => Matches(budget.Spec.Selector, pod)), $"{name} has no PodDisruptionBudget");
            Require(objects.OfType<V2HorizontalPodAutoscaler>().Any(hpa => hpa.Spec.ScaleTargetRef is { Kind: "StatefulSet", Name: Silo }),
                $"{name} has no HorizontalPodAutoscaler");

            if (options.Kubernetes)
            {
                CheckKubernetesHosting(name, pod, container, options);
            }
        }

        /// <summary>What Orleans' Kubernetes hosting reads and does: the downward API variables, its pod labels, its pod rights.</summary>
        private void CheckKubernetesHosting(string name, V1PodTemplateSpec pod, V1Container container, SiloOptions options)
        {
            foreach (var (variable, field) in new[]
                {
                    (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
                    (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
                    (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
                })
            {
                Require(container.Env?.Any(env => env.Name == variable && env.ValueFrom?.FieldRef?.FieldPath == field) == true,
                    $"{name}: {variable} is not taken from {field}");
            }
            var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
            Require(Value(labels, KubernetesHostingOptions.ServiceIdLabel) == options.ServiceId
                && Value(labels, KubernetesHostingOptions.ClusterIdLabel) == options.ClusterId,
                $"{name}: the pod labels do not carry the service id {options.ServiceId} and cluster id {options.ClusterId}");
            var account = pod.Spec.ServiceAccountName;
            var granted = objects.OfType<V1RoleBinding>()
                .Where(binding => binding.Subjects?.Any(subject => subject.Kind == "ServiceAccount" && subject.Name == account) == true)
                .Select(binding => Find<V1Role>(binding.RoleRef.Name))
                .SelectMany(role => role?.Rules ?? [])
                .Where(rule => rule.ApiGroups?.Contains("") == true && rule.Resources?.Contains("pods") == true)
                .SelectMany(rule => rule.Verbs)
                .ToHashSet();
            var missing = PodVerbs.Except(granted).ToList();
            Require(missing.Count == 0, $"{name}: its ServiceAccount may not {string.Join(", ", missing)} pods");
        }

        /// <summary>
        /// The silo's options from the container's <c>Paraloom__…</c> values, a stand-in for each value Kubernetes fills in
        /// at run time; a problem for every key that does not bind.
        /// </summary>
        private SiloOptions Options(string name, V1Container container)
        {
            var settings = (container.Env ?? []).Where(env => env.Name.StartsWith(SiloOptions.SectionName + "__", StringComparison.Ordinal)).ToList();
            foreach (var setting in settings)
            {
                Require(SiloOptionPaths.Binds(setting.Name), $"{name}: {setting.Name} is not a silo option");
            }
            var values = settings
                .Select(env => KeyValuePair.Create(env.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), env.Value ?? StandIn(env)));
            try
            {
                var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build()
                    .GetSection(SiloOptions.SectionName).Get<SiloOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new SiloOptions();
                options.Validate();
                return options;
            }
            catch (InvalidOperationException invalid)
            {
                problems.Add($"{name}: the silo refuses its settings: {invalid.Message}");
                return new SiloOptions();
            }
        }

        /// <summary>A value of the kind Kubernetes puts there: the pod's IP or name, or a secret (a connection string).</summary>
        private static string? StandIn(V1EnvVar env) => env.ValueFrom switch
        {
            { FieldRef.FieldPath: "status.podIP" } => "10.0.0.1",
            { FieldRef.FieldPath: "metadata.name" } => "paraloom-silo-0",
            { SecretKeyRef: not null } when env.Name.EndsWith("ConnectionString", StringComparison.Ordinal) => "Host=postgres;Database=paraloom",
            { SecretKeyRef: not null } => "secret",
            _ => null,
        };
    }
}
