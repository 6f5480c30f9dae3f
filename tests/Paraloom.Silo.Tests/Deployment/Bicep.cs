using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Paraloom.Silo.Tests.Deployment;

/// <summary>Builds a Bicep template into its ARM JSON with the Bicep compiler from the NuGet package, offline.</summary>
internal static class Bicep
{
    /// <summary>The compiler's path, from the package's build props (see the test project).</summary>
    public static string CompilerPath => typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepPath").Value!.Replace('\\', '/');

    /// <summary>The compiled template, or null, and every warning or error the compiler reported.</summary>
    public static (JsonDocument? Template, IReadOnlyList<string> Diagnostics) Build(string file)
    {
        var start = new ProcessStartInfo(CompilerPath, ["build", file, "--stdout"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bicep = Process.Start(start)!;
        var error = bicep.StandardError.ReadToEndAsync();
        var output = bicep.StandardOutput.ReadToEnd();
        bicep.WaitForExit();
        var diagnostics = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (bicep.ExitCode == 0 ? JsonDocument.Parse(output) : null, diagnostics);
    }
}
