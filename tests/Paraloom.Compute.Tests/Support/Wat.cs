using System.Collections.Concurrent;
using System.Diagnostics;

namespace Paraloom.Compute.Tests.Support;

/// <summary>Compiles WebAssembly text with wabt's wat2wasm (WAT2WASM or the PATH); fails loudly when it is missing.</summary>
internal static class Wat
{
    private static readonly ConcurrentDictionary<string, byte[]> Compiled = new(StringComparer.Ordinal);

    public static byte[] Compile(string text) => Compiled.GetOrAdd(text, Run);

    private static byte[] Run(string text)
    {
        var directory = Directory.CreateTempSubdirectory("paraloom-wat-");
        try
        {
            var source = Path.Combine(directory.FullName, "module.wat");
            var output = Path.Combine(directory.FullName, "module.wasm");
            File.WriteAllText(source, text);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("WAT2WASM") ?? "wat2wasm")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var argument in new[] { source, "-o", output })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("wat2wasm could not be started: install wabt.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? File.ReadAllBytes(output)
                : throw new InvalidOperationException($"wat2wasm rejected the module: {errors}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
