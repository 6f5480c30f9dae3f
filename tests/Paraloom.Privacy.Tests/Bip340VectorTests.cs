namespace Paraloom.Privacy.Tests;

/// <summary>Every row of the official BIP-340 test vectors, byte for byte.</summary>
public class Bip340VectorTests
{
    public static TheoryData<int> Rows()
    {
        var rows = new TheoryData<int>();
        foreach (VectorRow row in VectorRow.ReadAll()) rows.Add(row.Index);
        return rows;
    }

    [Fact]
    public void The_vector_file_has_every_official_row()
    {
        IReadOnlyList<VectorRow> rows = VectorRow.ReadAll();
        Assert.True(rows.Count >= 15);
        Assert.Equal(Enumerable.Range(0, rows.Count), rows.Select(r => r.Index));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_signs_and_verifies_as_specified(int index)
    {
        VectorRow row = VectorRow.ReadAll().Single(r => r.Index == index);

        if (row.SecretKey is { } secretHex)
        {
            using SecretKey key = SecretKey.ImportHex(secretHex);
            Assert.Equal(row.PublicKey, key.PublicKey.ToHex(), ignoreCase: true);
            SchnorrSignature signature = SchnorrSignature.Sign(key, Convert.FromHexString(row.Message), Convert.FromHexString(row.AuxRand!));
            Assert.Equal(row.Signature, signature.ToHex(), ignoreCase: true);
        }

        Assert.Equal(row.Valid, VerifyAsBip340(row));
    }

    /// <summary>BIP-340's verify over raw bytes: a public key that does not parse makes verification fail.</summary>
    private static bool VerifyAsBip340(VectorRow row)
    {
        PublicKey publicKey;
        try
        {
            publicKey = PublicKey.FromHex(row.PublicKey);
        }
        catch (InvalidEncodingException)
        {
            return false;
        }
        return publicKey.Verify(Convert.FromHexString(row.Message), SchnorrSignature.FromHex(row.Signature));
    }

    private sealed record VectorRow(int Index, string? SecretKey, string PublicKey, string? AuxRand, string Message, string Signature, bool Valid)
    {
        public static IReadOnlyList<VectorRow> ReadAll() =>
            File.ReadLines(SharedData.Path("crypto-vectors", "bip340-test-vectors.csv"))
                .Skip(1)
                .Where(line => line.Length > 0)
                .Select(Parse)
                .ToList();

        private static VectorRow Parse(string line)
        {
            string[] f = line.Split(',');
            return new VectorRow(
                int.Parse(f[0]),
                f[1].Length > 0 ? f[1] : null,
                f[2],
                f[3].Length > 0 ? f[3] : null,
                f[4],
                f[5],
                f[6] switch { "TRUE" => true, "FALSE" => false, _ => throw new FormatException($"Row {f[0]}: result {f[6]}") });
        }
    }
}
