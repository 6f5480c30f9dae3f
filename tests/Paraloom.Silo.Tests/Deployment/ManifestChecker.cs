using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Paraloom.Silo.Tests.Deployment;

/// <summary>
/// Checks rendered Kubernetes manifests offline: every object deserializes strictly into the Kubernetes client's typed
/// models (an unknown or misspelt field, a wrong type or an unknown kind is a problem), pods meet the restricted Pod
/// Security Standard, references between objects resolve, and the silo's StatefulSet matches the silo itself: its
/// image, ports, probe paths, metrics path, drain and every <c>Paraloom__…</c> setting.
/// </summary>
/// <param name="httpPort">The port the silo image serves HTTP on.</param>
/// <param name="externalSecrets">Secrets the manifests use but leave to the operator to create.</param>
internal sealed partial class ManifestChecker(int httpPort, IReadOnlySet<string> externalSecrets)
{
    public const string Namespace = "paraloom";
    public const string Silo = "paraloom-silo";

    /// <summary>The host's shutdown timeout, read by the generic host from <c>DOTNET_</c> variables.</summary>
    public const string ShutdownTimeoutVariable = "DOTNET_SHUTDOWNTIMEOUTSECONDS";

    private static readonly string[] PodVerbs = ["get", "list", "watch", "patch", "delete"];

    private int HttpPort { get; } = httpPort;

    private IReadOnlySet<string> ExternalSecrets { get; } = externalSecrets;

    /// <summary>Every problem found, each naming its object; none when the manifests are fit to apply.</summary>
    public IReadOnlyList<string> Check(string rendered)
    {
        var problems = new List<string>();
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var document in DocumentSeparator().Split(rendered).Where(text => !string.IsNullOrWhiteSpace(text)))
        {
            try
            {
                objects.AddRange(KubernetesYaml.LoadAllFromString(document, strict: true).Cast<IKubernetesObject<V1ObjectMeta>>());
            }
            catch (Exception invalid)
            {
                // The client looks the type up by apiVersion/kind: a kind it does not know is no Kubernetes object.
                var reason = Innermost(invalid) is KeyNotFoundException ? "no such apiVersion and kind" : Innermost(invalid).Message;
                problems.Add($"{Describe(document)} does not match the Kubernetes schema: {reason}");
            }
        }
        new Pass(this, objects, problems).Run();
        return problems;
    }

    /// <summary>One check of one set of objects (the silo's own checks: ManifestChecker.Silo.cs).</summary>
    private sealed partial class Pass(ManifestChecker checker, List<IKubernetesObject<V1ObjectMeta>> objects, List<string> problems)
    {
        public void Run()
        {
            foreach (var item in objects)
            {
                var name = Name(item);
                if (string.IsNullOrWhiteSpace(item.Metadata?.Name))
                {
                    problems.Add($"{item.Kind} has no metadata.name");
                    continue;
                }
                if (item is V1Namespace space)
                {
                    Require(Value(space.Metadata.Labels, "pod-security.kubernetes.io/enforce") == "restricted",
                        $"{name} does not enforce the restricted Pod Security Standard");
                }
                else
                {
                    Require(item.Metadata.NamespaceProperty == Namespace, $"{name} is not in the namespace {Namespace}");
                }
                switch (item)
                {
                    case V1Deployment deployment:
                        CheckPod(name, deployment.Spec.Template, []);
                        Require(Matches(deployment.Spec.Selector, deployment.Spec.Template), $"{name}: its selector does not select its pods");
                        break;
                    case V1StatefulSet statefulSet:
                        CheckPod(name, statefulSet.Spec.Template, statefulSet.Spec.VolumeClaimTemplates?.Select(claim => claim.Metadata.Name).ToList() ?? []);
                        // Kubelet's default (Always) opens every file of a kept volume to the group on each mount: the silo's
                        // owner-only keys and PostgreSQL's data directory are then refused.
                        Require(statefulSet.Spec.VolumeClaimTemplates is not { Count: > 0 } || statefulSet.Spec.Template.Spec.SecurityContext?.FsGroup is null
                            || statefulSet.Spec.Template.Spec.SecurityContext.FsGroupChangePolicy == "OnRootMismatch",
                            $"{name}: its volumes would be opened to the group on every mount (set fsGroupChangePolicy: OnRootMismatch)");
                        Require(Matches(statefulSet.Spec.Selector, statefulSet.Spec.Template), $"{name}: its selector does not select its pods");
                        Require(Find<V1Service>(statefulSet.Spec.ServiceName) is { Spec.ClusterIP: "None" },
                            $"{name}: serviceName {statefulSet.Spec.ServiceName} is not a headless Service");
                        break;
                    case V1Service service:
                        CheckService(name, service);
                        break;
                    case V1PodDisruptionBudget budget:
                        Require(Workloads().Any(template => Matches(budget.Spec.Selector, template)), $"{name} selects no pods");
                        break;
                    case V2HorizontalPodAutoscaler autoscaler:
                        var target = autoscaler.Spec.ScaleTargetRef;
                        Require(objects.Any(other => other.Kind == target.Kind && other.Metadata.Name == target.Name),
                            $"{name} scales {target.Kind}/{target.Name}, which is not there");
                        break;
                    case V1RoleBinding binding:
                        Require(Find<V1Role>(binding.RoleRef.Name) is not null, $"{name} binds the missing Role {binding.RoleRef.Name}");
                        foreach (var subject in binding.Subjects ?? [])
                        {
                            Require(Find<V1ServiceAccount>(subject.Name) is not null, $"{name} binds the missing ServiceAccount {subject.Name}");
                        }
                        break;
                }
            }
            if (Find<V1StatefulSet>(Silo) is { } silo)
            {
                CheckSilo(silo);
            }
            else
            {
                problems.Add($"StatefulSet/{Silo} is missing");
            }
        }

        private void CheckPod(string owner, V1PodTemplateSpec template, IReadOnlyCollection<string> claims)
        {
            var pod = template.Spec;
            var security = pod.SecurityContext;
            Require(security?.RunAsNonRoot == true && security.RunAsUser is not 0, $"{owner} may run as root");
            Require(security?.SeccompProfile?.Type == "RuntimeDefault", $"{owner} has no RuntimeDefault seccomp profile");
            Require(pod.HostNetwork != true && pod.HostPID != true && pod.HostIPC != true, $"{owner} shares the host's namespaces");
            Require(pod.Volumes?.Any(volume => volume.HostPath is not null) != true, $"{owner} mounts a host path");
            if (pod.ServiceAccountName is { } account)
            {
                Require(Find<V1ServiceAccount>(account) is not null, $"{owner} runs as the missing ServiceAccount {account}");
            }
            foreach (var volume in pod.Volumes ?? [])
            {
                Require(volume.ConfigMap is null || Find<V1ConfigMap>(volume.ConfigMap.Name) is not null,
                    $"{owner} mounts the missing ConfigMap {volume.ConfigMap?.Name}");
                Require(volume.Secret is null || SecretExists(volume.Secret.SecretName), $"{owner} mounts the missing Secret {volume.Secret?.SecretName}");
            }
            var volumes = (pod.Volumes ?? []).Select(volume => volume.Name).Concat(claims).ToHashSet();
            foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                var name = $"{owner} container {container.Name}";
                Require(Tagged(container.Image), $"{name}: image {container.Image} has no fixed tag");
                var context = container.SecurityContext;
                Require(context?.AllowPrivilegeEscalation == false && context.Privileged != true, $"{name} may escalate privileges");
                Require(context?.Capabilities?.Drop?.Contains("ALL") == true && context.Capabilities.Add is not { Count: > 0 },
                    $"{name} does not drop ALL capabilities");
                Require(context?.ReadOnlyRootFilesystem == true, $"{name} has a writable root filesystem");
                foreach (var mount in container.VolumeMounts ?? [])
                {
                    Require(volumes.Contains(mount.Name), $"{name} mounts the undeclared volume {mount.Name}");
                }
                var ports = (container.Ports ?? []).Select(port => port.Name).ToHashSet();
                foreach (var (kind, probe) in Probes(container))
                {
                    Require(probe.HttpGet is not { } get || int.TryParse(get.Port.Value, out _) || ports.Contains(get.Port.Value),
                        $"{name}: the {kind} probe uses the undeclared port {probe.HttpGet?.Port.Value}");
                }
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { } secret)
                    {
                        Require(SecretExists(secret.Name), $"{name}: {variable.Name} reads the missing Secret {secret.Name}");
                    }
                    if (variable.ValueFrom?.ConfigMapKeyRef is { } map)
                    {
                        Require(Find<V1ConfigMap>(map.Name) is not null, $"{name}: {variable.Name} reads the missing ConfigMap {map.Name}");
                    }
                }
            }
        }

        private void CheckService(string name, V1Service service)
        {
            var selected = Workloads().Where(template => service.Spec.Selector is { Count: > 0 } selector
                && selector.All(label => Value(template.Metadata.Labels, label.Key) == label.Value)).ToList();
            Require(selected.Count > 0, $"{name} selects no pods");
            foreach (var port in service.Spec.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Require(selected.Any(template => template.Spec.Containers.Any(container => (container.Ports ?? []).Any(declared =>
                        declared.Name == target || declared.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == target))),
                    $"{name}: port {port.Name} targets {target}, which its pods do not declare");
            }
        }

        private IEnumerable<V1PodTemplateSpec> Workloads() =>
            objects.OfType<V1Deployment>().Select(deployment => deployment.Spec.Template)
                .Concat(objects.OfType<V1StatefulSet>().Select(statefulSet => statefulSet.Spec.Template));

        private T? Find<T>(string? name) where T : class, IKubernetesObject<V1ObjectMeta> =>
            objects.OfType<T>().FirstOrDefault(item => item.Metadata.Name == name);

        private bool SecretExists(string name) => checker.ExternalSecrets.Contains(name) || Find<V1Secret>(name) is not null;

        private void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    private static IEnumerable<(string Kind, V1Probe Probe)> Probes(V1Container container)
    {
        if (container.StartupProbe is { } startup) yield return ("startup", startup);
        if (container.ReadinessProbe is { } readiness) yield return ("readiness", readiness);
        if (container.LivenessProbe is { } liveness) yield return ("liveness", liveness);
    }

    private static string? Value(IDictionary<string, string>? map, string key) => map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static string? Literal(V1Container container, string variable) => container.Env?.FirstOrDefault(env => env.Name == variable)?.Value;

    private static bool Matches(V1LabelSelector selector, V1PodTemplateSpec template) =>
        selector.MatchLabels is { Count: > 0 } labels && labels.All(label => Value(template.Metadata.Labels, label.Key) == label.Value);

    private static bool Under(string path, string directory) =>
        (path.TrimEnd('/') + "/").StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>An image names a tag (or digest) other than <c>latest</c>.</summary>
    private static bool Tagged(string image)
    {
        var last = image[(image.LastIndexOf('/') + 1)..];
        return image.Contains('@', StringComparison.Ordinal) || (last.Contains(':', StringComparison.Ordinal) && !last.EndsWith(":latest", StringComparison.Ordinal));
    }

    private static string Repository(string image)
    {
        var last = image[(image.LastIndexOf('/') + 1)..];
        return last.Split(':', '@')[0];
    }

    private static string Name(IKubernetesObject<V1ObjectMeta> item) => $"{item.Kind}/{item.Metadata?.Name}";

    private static string Describe(string document) =>
        $"{KindLine().Match(document).Groups["kind"].Value}/{NameLine().Match(document).Groups["name"].Value}";

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^kind: (?<kind>\S+)", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^  name: (?<name>\S+)", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
