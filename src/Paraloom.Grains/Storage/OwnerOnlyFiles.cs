namespace Paraloom.Grains;

/// <summary>
/// Directories for grain state and validator keys are the silo user's alone (mode 0700 on Unix), so what is in them
/// (SQLite's database, write-ahead log and shared memory, which SQLite creates with the process's umask, and the key
/// files) cannot be read by other users. A directory that exists is narrowed too.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
