namespace Paraloom.Cli.Commands;

/// <summary>
/// The file a multi-silo localnet keeps one silo's output in, in that silo's data directory (created owner-only, as the
/// silo creates it, since its validator keys go there too): every line, flushed as it comes, so a silo that dies leaves
/// its last words.
/// </summary>
internal sealed class SiloLog : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _disposed;

    private SiloLog(string path, StreamWriter writer)
    {
        Path = path;
        _writer = writer;
    }

    public string Path { get; }

    public static SiloLog Create(string dataDirectory, string fileName)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
        }
        else
        {
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = System.IO.Path.Combine(dataDirectory, fileName);
        return new SiloLog(path, new StreamWriter(path, append: true) { AutoFlush = true });
    }

    /// <summary>Appends one line (a null line, the end of a stream, is ignored).</summary>
    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_writer)
        {
            if (!_disposed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }
}
