using System.Diagnostics;

namespace Paraloom.Wasm.Tests.Spec;

/// <summary>
/// Locates ../shared/wasm-spec (or PARALOOM_WASM_SPEC) and converts it once per test run with its
/// convert.sh into a cache under the test output. Missing pieces fail loudly, never skip.
/// </summary>
internal static class SpecSuite
{
    private static readonly Lazy<string> Converted = new(Convert, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string SpecDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("PARALOOM_WASM_SPEC");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            return Path.Combine(Repository.SharedDirectory, "wasm-spec");
        }
    }

    /// <summary>The .wast files of the suite by name; empty when the folder is missing (the tests then fail on it).</summary>
    public static IEnumerable<object[]> Files()
    {
        var core = Path.Combine(SpecDirectory, "core");
        if (!Directory.Exists(core)) return [["<spec folder missing>"]];
        return Directory.GetFiles(core, "*.wast").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! });
    }

    /// <summary>The JSON of one converted script.</summary>
    public static string JsonFor(string wastFile)
    {
        var name = Path.GetFileNameWithoutExtension(wastFile);
        return Path.Combine(Converted.Value, name, name + ".json");
    }

    private static string Convert()
    {
        var spec = SpecDirectory;
        var script = Path.Combine(spec, "convert.sh");
        if (!File.Exists(script))
            throw new InvalidOperationException($"the wasm spec suite is missing: {script} not found (set PARALOOM_WASM_SPEC to the wasm-spec folder)");
        var output = Path.Combine(AppContext.BaseDirectory, "spec-json");
        var stamp = Path.Combine(output, ".converted");
        if (File.Exists(stamp)) return output;

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"converting the spec suite with wast2json failed (exit {process.ExitCode}); is wabt installed (apt-get install wabt)? {errors.Result.Trim()}");
        }
        File.WriteAllText(stamp, DateTime.UtcNow.ToString("O"));
        return output;
    }
}
