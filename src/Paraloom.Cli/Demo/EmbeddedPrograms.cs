namespace Paraloom.Cli.Demo;

/// <summary>The sample job programs (src/programs/*.wasm) embedded in the tool.</summary>
internal static class EmbeddedPrograms
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(EmbeddedPrograms).Assembly.GetManifestResourceStream($"programs/{name}.wasm")
            ?? throw new InvalidOperationException($"The program '{name}' is not embedded in this build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
