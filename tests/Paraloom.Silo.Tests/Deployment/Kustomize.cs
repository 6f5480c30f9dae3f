using System.Diagnostics;

namespace Paraloom.Silo.Tests.Deployment;

/// <summary>Renders the kustomize overlays under deploy/k8s/overlays with <c>kubectl kustomize</c>, offline.</summary>
internal static class Kustomize
{
    public static readonly string[] Overlays = ["development", "production"];

    /// <exception cref="InvalidOperationException">kubectl failed; the message carries its error output.</exception>
    public static string Render(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Repository.PathOf("deploy", "k8s", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start)!;
        var error = kubectl.StandardError.ReadToEndAsync();
        var output = kubectl.StandardOutput.ReadToEnd();
        kubectl.WaitForExit();
        return kubectl.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"kubectl kustomize {overlay} failed ({kubectl.ExitCode}): {error.Result}");
    }
}
