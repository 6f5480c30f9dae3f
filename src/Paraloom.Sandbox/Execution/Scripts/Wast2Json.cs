using System.Diagnostics;

namespace Paraloom.Compute.Execution.Scripts;

/// <summary>Converts .wast scripts to wast2json's JSON + .wasm form with wabt's wast2json.</summary>
public static class Wast2Json
{
    /// <summary>The wast2json executable: the WAST2JSON environment variable or "wast2json" on the PATH.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("WAST2JSON") ?? "wast2json";

    /// <summary>Converts <paramref name="wastPath"/> into <paramref name="outputDirectory"/>; returns the JSON file's path.</summary>
    /// <exception cref="ScriptException">wast2json is missing or rejected the script.</exception>
    public static string Convert(string wastPath, string outputDirectory)
    {
        if (!File.Exists(wastPath)) throw new ScriptException($"no such file: {wastPath}");
        Directory.CreateDirectory(outputDirectory);
        var json = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(wastPath) + ".json");
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--disable-simd", wastPath, "-o", json }) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ScriptException($"could not start {Executable}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ScriptException($"{Executable} not found: install wabt (apt-get install wabt) or set WAST2JSON");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var firstLine = errors.Result.Split('\n', 2)[0].Trim();
                throw new ScriptException($"wast2json could not convert {Path.GetFileName(wastPath)}: {firstLine}");
            }
        }
        return json;
    }
}
