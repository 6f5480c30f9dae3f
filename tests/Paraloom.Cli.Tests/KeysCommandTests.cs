using System.CommandLine;
using Paraloom.Cli.Commands;
using Paraloom.Privacy;

namespace Paraloom.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Keys_new_writes_an_owner_only_secret_and_prints_the_public_key_and_paths()
    {
        (int exit, string output, string error) = Run("keys", "new", "--out", _directory, "--name", "alice");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        string secretPath = Path.Combine(_directory, "alice.key");
        string publicPath = Path.Combine(_directory, "alice.pub");
        using SecretKey key = KeyFile.ReadSecretKey(secretPath);
        Assert.Contains(key.PublicKey.ToHex(), output);
        Assert.Contains(secretPath, output);
        Assert.Contains(publicPath, output);
        Assert.DoesNotContain(key.ExportHex(), output);
        Assert.Equal(key.PublicKey, KeyFile.ReadPublicKey(publicPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretPath));
    }

    [Fact]
    public void Keys_new_refuses_to_overwrite_and_leaves_the_first_key_intact()
    {
        Assert.Equal(0, Run("keys", "new", "--out", _directory).Exit);
        string secretPath = Path.Combine(_directory, KeysCommand.DefaultName + ".key");
        string before = File.ReadAllText(secretPath);

        (int exit, string output, string error) = Run("keys", "new", "--out", _directory);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("refusing to overwrite", error);
        Assert.Equal(before, File.ReadAllText(secretPath));
    }

    [Fact]
    public void Keys_new_creates_a_missing_directory_owner_only()
    {
        string nested = Path.Combine(_directory, "keys");
        Assert.Equal(0, Run("keys", "new", "--out", nested, "--name", "v1").Exit);
        Assert.True(File.Exists(Path.Combine(nested, "v1.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
    }

    [Fact]
    public void Keys_new_rejects_a_name_that_is_a_path()
    {
        (int exit, _, string error) = Run("keys", "new", "--out", _directory, "--name", "../outside");
        Assert.Equal(1, exit);
        Assert.Contains("key name", error);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { KeysCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
