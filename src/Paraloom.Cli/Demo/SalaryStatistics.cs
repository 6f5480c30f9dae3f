using System.Buffers.Binary;

namespace Paraloom.Cli.Demo;

/// <summary>
/// The statistics aggregate.wasm computes, in its binary formats: the input "AGG1" ‖ u32 count ‖ count × i64,
/// the output "STA1" ‖ count ‖ sum ‖ min ‖ max ‖ mean ‖ stddev. <see cref="Compute"/> repeats the program's
/// arithmetic in the same order, so an honest cohort's doubles are bit-for-bit the same.
/// </summary>
internal sealed record SalaryStatistics(ulong Count, long Sum, long Min, long Max, double Mean, double StandardDeviation)
{
    public const int OutputSize = 52;

    public static byte[] EncodeInput(IReadOnlyList<long> values)
    {
        var bytes = new byte[8 + values.Count * 8];
        "AGG1"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + i * 8), values[i]);
        }
        return bytes;
    }

    /// <exception cref="FormatException">The output is not a statistics record (e.g. the program's "ERR!").</exception>
    public static SalaryStatistics Decode(ReadOnlySpan<byte> output)
    {
        if (output.Length != OutputSize || !output[..4].SequenceEqual("STA1"u8))
        {
            throw new FormatException($"The job's output is not a statistics record ({output.Length} bytes).");
        }
        return new SalaryStatistics(
            BinaryPrimitives.ReadUInt64LittleEndian(output[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(output[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(output[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(output[28..]),
            BinaryPrimitives.ReadDoubleLittleEndian(output[36..]),
            BinaryPrimitives.ReadDoubleLittleEndian(output[44..]));
    }

    public static SalaryStatistics Compute(IReadOnlyList<long> values)
    {
        long sum = 0, min = long.MaxValue, max = long.MinValue;
        foreach (var value in values)
        {
            sum = checked(sum + value);
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        var mean = (double)sum / values.Count;
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = (double)value - mean;
            squares += deviation * deviation;
        }
        return new SalaryStatistics((ulong)values.Count, sum, min, max, mean, Math.Sqrt(squares / values.Count));
    }

    /// <summary>Salaries in cents, log-normally spread around ~55,000 with a long upper tail.</summary>
    public static long[] GenerateSalaries(int count, int seed)
    {
        var random = new Random(seed);
        var salaries = new long[count];
        for (var i = 0; i < count; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            salaries[i] = (long)Math.Round(Math.Exp(10.9 + 0.45 * normal) * 100);
        }
        return salaries;
    }
}
