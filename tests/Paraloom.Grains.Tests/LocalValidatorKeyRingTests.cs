using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains.Tests;

/// <summary>Validator keys live in per-slot files and name their validators by their public keys.</summary>
public sealed class LocalValidatorKeyRingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EachSlotGetsAnOwnerOnlyKeyFileAndAnIdFromItsPublicKeyThatARestartKeeps()
    {
        var options = new LocalValidatorOptions { Count = 3, KeyDirectory = Path.Combine(_directory, "keys") };
        using var first = new LocalValidatorKeyRing(options);
        using var again = new LocalValidatorKeyRing(options);

        foreach (var slot in new[] { "validator-1", "validator-2", "validator-3" })
        {
            var path = Path.Combine(options.KeyDirectory, slot + KeyFile.SecretKeyExtension);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
            using var stored = KeyFile.ReadSecretKey(path);
            var id = first.ValidatorIdOf(slot);
            Assert.Equal("v" + stored.PublicKey.ToHex()[..16], id);
            Assert.Equal(id, again.ValidatorIdOf(slot));
            Assert.Equal(slot, first.SlotOf(id));
        }
        Assert.Equal(3, first.ValidatorIds.Distinct().Count());
    }

    [Fact]
    public void AKeyFileWrittenBeforeIdsCameFromKeysStillLoadsUnderItsSlot()
    {
        using var existing = SecretKey.Generate();
        KeyFile.WriteNew(existing, _directory, "validator-1");

        using var keyRing = new LocalValidatorKeyRing(new LocalValidatorOptions { Count = 1, KeyDirectory = _directory });

        var id = keyRing.ValidatorIdOf("validator-1");
        Assert.True(keyRing.TryGetKey(id, out var loaded));
        Assert.Equal(existing.PublicKey.ToHex(), loaded.PublicKey.ToHex());
    }

    [Fact]
    public void TwoSlotsHoldingOneKeyAreRefused()
    {
        using var key = SecretKey.Generate();
        KeyFile.WriteNew(key, _directory, "validator-1");
        File.Copy(Path.Combine(_directory, "validator-1" + KeyFile.SecretKeyExtension), Path.Combine(_directory, "validator-2" + KeyFile.SecretKeyExtension));

        var refused = Assert.Throws<InvalidOperationException>(() => new LocalValidatorKeyRing(new LocalValidatorOptions { Count = 2, KeyDirectory = _directory }));
        Assert.Contains("validator-1 and validator-2", refused.Message);
    }

    [Fact]
    public void AdmittedSlotsCarryTheirCertificateAndAnotherAuthoritysCertificateIsLeftForTheRegistryToRefuse()
    {
        var options = new LocalValidatorOptions { Count = 2, KeyDirectory = _directory, SiloId = "silo-a" };
        using var foreign = SecretKey.Generate();
        LocalValidatorAdmission.Admit(foreign, new LocalValidatorOptions { Count = 2, KeyDirectory = _directory });
        File.Delete(Path.Combine(_directory, "validator-1" + ValidatorCertificateFile.Extension));

        var issued = LocalValidatorAdmission.Admit(TestNetwork.Authority, options);
        using var keyRing = new LocalValidatorKeyRing(options);

        var first = keyRing.CertificateOf(keyRing.ValidatorIdOf("validator-1"));
        var second = keyRing.CertificateOf(keyRing.ValidatorIdOf("validator-2"));
        Assert.NotNull(first);
        Assert.Equal(issued[0].ToBytes(), first.ToBytes());
        Assert.Equal("silo-a", first.Operator);
        Assert.Null(first.ProblemUnder(TestNetwork.Authority.PublicKey, DateTimeOffset.UtcNow));
        Assert.NotNull(second);
        Assert.Equal(foreign.PublicKey, second.Authority);
    }

    [Fact]
    public void AMalformedCertificateFileStopsTheSiloWithItsPath()
    {
        var path = Path.Combine(_directory, "validator-1" + ValidatorCertificateFile.Extension);
        File.WriteAllText(path, """{"format":"paraloom-validator-certificate","version":1,"certificate":"00ff"}""");

        var refused = Assert.Throws<FormatException>(() => new LocalValidatorKeyRing(new LocalValidatorOptions { Count = 1, KeyDirectory = _directory }));
        Assert.Contains(path, refused.Message);
    }
}
