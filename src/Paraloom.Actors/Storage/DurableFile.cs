using System.Runtime.InteropServices;

namespace Paraloom.Actors.Storage;

/// <summary>
/// Crash-safe file replacement: the new content goes to a temporary file in the same directory, is flushed
/// to disk, renamed over the target (atomic on POSIX file systems), and the directory is flushed so the
/// rename itself survives a power cut or kill -9. A reader sees the old file or the new one, never a torn one.
/// Temporary files start with '.' and end with ".tmp"; one left by a crash is ignored by readers.
/// </summary>
internal static partial class DurableFile
{
    public const string TemporarySuffix = ".tmp";

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(path)!;
        EnsureDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushDirectory(directory);
    }

    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
            FlushDirectory(Path.GetDirectoryName(path)!);
        }
    }

    public static bool IsTemporary(string path) =>
        Path.GetFileName(path).StartsWith('.') && path.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    /// <summary>Creates the directory and makes its creation durable in every parent that had to be created.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(directory);
        if (parent is not null)
        {
            FlushDirectory(parent);
        }
    }

    // .NET cannot open a directory as a stream, so POSIX open/fsync are called directly. Windows has no
    // directory flush; there a rename is made durable by the file system's own journal.
    private static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, 0 /* O_RDONLY */);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush directory '{directory}' (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
