using System.Collections.Concurrent;
using System.Diagnostics;

namespace Paraloom.Silo.Tests.Deployment;

/// <summary>Renders the kustomize overlays under deploy/k8s/overlays with <c>kubectl kustomize</c>, offline.</summary>
internal static class Kustomize
{
    public static readonly string[] Overlays = ["development", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new(StringComparer.Ordinal);

    /// <summary>The overlay's objects as one YAML stream, rendered once per test run.</summary>
    /// <exception cref="InvalidOperationException">kubectl failed; the message carries its error output.</exception>
    public static string Render(string overlay) => Rendered.GetOrAdd(overlay, name => new Lazy<string>(() => RenderNow(name))).Value;

    private static string RenderNow(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Repository.PathOf("deploy", "k8s", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Start(start);
        var error = kubectl.StandardError.ReadToEndAsync();
        var output = kubectl.StandardOutput.ReadToEnd();
        kubectl.WaitForExit();
        return kubectl.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"kubectl kustomize {overlay} failed ({kubectl.ExitCode}): {error.Result}");
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException("kubectl (with kustomize v5) is not on the PATH: the manifest tests render the overlays with it.", missing);
        }
    }
}
