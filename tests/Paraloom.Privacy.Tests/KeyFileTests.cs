namespace Paraloom.Privacy.Tests;

/// <summary>Key files on a Unix file system (the service's hosts), where owner-only modes apply.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_written_key_pair_reads_back()
    {
        using SecretKey key = SecretKey.Generate();
        KeyFilePaths paths = KeyFile.WriteNew(key, _directory, "requester");

        Assert.Equal(Path.Combine(_directory, "requester.key"), paths.SecretKeyPath);
        Assert.Equal(Path.Combine(_directory, "requester.pub"), paths.PublicKeyPath);
        using SecretKey read = KeyFile.ReadSecretKey(paths.SecretKeyPath);
        Assert.Equal(key.PublicKey, read.PublicKey);
        Assert.Equal(key.ExportHex(), read.ExportHex());
        Assert.Equal(key.PublicKey, KeyFile.ReadPublicKey(paths.PublicKeyPath));
        Assert.DoesNotContain(key.ExportHex(), File.ReadAllText(paths.PublicKeyPath));
    }

    [Fact]
    public void The_secret_file_is_owner_only()
    {
        using SecretKey key = SecretKey.Generate();
        KeyFilePaths paths = KeyFile.WriteNew(key, _directory, "validator");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths.SecretKeyPath));
    }

    [Fact]
    public void Existing_files_are_never_overwritten()
    {
        using SecretKey first = SecretKey.Generate();
        using SecretKey second = SecretKey.Generate();
        KeyFilePaths paths = KeyFile.WriteNew(first, _directory, "k");
        Assert.Throws<IOException>(() => KeyFile.WriteNew(second, _directory, "k"));
        File.Delete(paths.SecretKeyPath);
        Assert.Throws<IOException>(() => KeyFile.WriteNew(second, _directory, "k"));
        Assert.False(File.Exists(paths.SecretKeyPath));
        Assert.Equal(first.PublicKey, KeyFile.ReadPublicKey(paths.PublicKeyPath));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Names_must_be_plain_file_names(string name)
    {
        using SecretKey key = SecretKey.Generate();
        Assert.ThrowsAny<ArgumentException>(() => KeyFile.WriteNew(key, _directory, name));
    }

    [Fact]
    public void A_secret_file_readable_by_others_is_refused()
    {
        using SecretKey key = SecretKey.Generate();
        KeyFilePaths paths = KeyFile.WriteNew(key, _directory, "loose");
        File.SetUnixFileMode(paths.SecretKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var error = Assert.Throws<UnauthorizedAccessException>(() => KeyFile.ReadSecretKey(paths.SecretKeyPath));
        Assert.Contains("chmod 600", error.Message);
    }

    public static TheoryData<string> MalformedSecretFiles() => new()
    {
        "not json",
        "[]",
        """{"format":"paraloom-public-key","version":1,"publicKey":"00"}""",
        """{"format":"paraloom-secret-key","version":2,"publicKey":"00","secretKey":"00"}""",
        """{"format":"paraloom-secret-key","version":1,"secretKey":"zz"}""",
        """{"format":"paraloom-secret-key","version":1,"publicKey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"}""",
        """{"format":"paraloom-secret-key","version":1,"publicKey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9","secretKey":"0000000000000000000000000000000000000000000000000000000000000004"}""",
        """{"format":"paraloom-secret-key","version":1,"publicKey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9","secretKey":"0000000000000000000000000000000000000000000000000000000000000003","extra":1}""",
    };

    [Theory]
    [MemberData(nameof(MalformedSecretFiles))]
    public void Malformed_secret_files_fail_with_a_clear_error(string content)
    {
        string path = Path.Combine(_directory, "bad.key");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<InvalidEncodingException>(() => KeyFile.ReadSecretKey(path));
        Assert.DoesNotContain("0000000000000000000000000000000000000000000000000000000000000004", error.Message);
    }

    [Fact]
    public void A_well_formed_hand_written_secret_file_is_accepted()
    {
        string path = Path.Combine(_directory, "three.key");
        File.WriteAllText(path, """{"format":"paraloom-secret-key","version":1,"publicKey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9","secretKey":"0000000000000000000000000000000000000000000000000000000000000003"}""");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using SecretKey key = KeyFile.ReadSecretKey(path);
        Assert.Equal("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9", key.PublicKey.ToHex());
    }
}
