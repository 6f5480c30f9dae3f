namespace Paraloom.Cli.Commands;

/// <summary>
/// Where a job's output bytes go, the same for <c>wasm run</c> and <c>compute result</c>: the <c>--out</c> file, or
/// standard output holding those bytes alone, so <c>&gt; file</c> gets exactly the output; everything said about
/// it goes to standard error.
/// </summary>
internal static class OutputBytes
{
    public static Stream Open(FileInfo? outFile, TextWriter output)
    {
        if (outFile is not null)
        {
            return File.Create(outFile.FullName);
        }
        // Standard output as bytes: a text writer would re-encode them. What the writer holds goes first.
        output.Flush();
        return Console.OpenStandardOutput();
    }
}
