using System.Diagnostics;

namespace Paraloom.Testing;

/// <summary>
/// The Node verifier in tools/receipt-verifier, written from docs/receipt-format.md alone: writes the given encodings to
/// files, checks them all in one Node process and returns its verdict on each. Node and the verifier's packages are
/// what ./test.sh installs (apt nodejs and npm, then npm ci); a missing one fails the test loudly.
/// </summary>
internal static class IndependentVerifier
{
    private static string Folder => Repository.PathOf("tools", "receipt-verifier");

    /// <summary>Each case's verdict: true when the verifier calls it valid, with its verdict line.</summary>
    public static IReadOnlyDictionary<string, (bool Valid, string Line)> Check(
        string kind, IReadOnlyDictionary<string, byte[]> cases, params string[] options)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@noble")))
        {
            throw new InvalidOperationException($"The verifier's packages are not installed: run npm ci in {Folder} (./test.sh does).");
        }
        var directory = Directory.CreateTempSubdirectory("paraloom-verifier-");
        try
        {
            var files = cases.ToDictionary(entry => Path.Combine(directory.FullName, entry.Key), entry => entry.Key, StringComparer.Ordinal);
            foreach (var (file, name) in files)
            {
                File.WriteAllBytes(file, cases[name]);
            }
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(Folder, "verify.mjs"), kind }.Concat(files.Keys).Concat(options))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started: install nodejs.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode is 0 or 1, $"the verifier failed (exit {process.ExitCode}): {errors}");
            var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cases.Count, lines.Length);
            Assert.Equal(lines.All(line => line.Contains(": valid ", StringComparison.Ordinal)), process.ExitCode == 0);
            return lines.ToDictionary(
                line => files[line[..line.IndexOf(": ", StringComparison.Ordinal)]],
                line => (line.Contains(": valid ", StringComparison.Ordinal), line),
                StringComparer.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
