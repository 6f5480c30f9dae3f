using System.Runtime.CompilerServices;

namespace Paraloom.Wasm.Execution;

/// <summary>The float and conversion semantics of wasm that .NET's operators do not give directly.</summary>
internal static class Numerics
{
    public const uint CanonicalNaN32 = 0x7FC00000;
    public const ulong CanonicalNaN64 = 0x7FF8000000000000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32(float value, bool canonicalize) =>
        canonicalize && float.IsNaN(value) ? CanonicalNaN32 : BitConverter.SingleToUInt32Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64(double value, bool canonicalize) =>
        canonicalize && double.IsNaN(value) ? CanonicalNaN64 : BitConverter.DoubleToUInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float AsF32(ulong slot) => BitConverter.UInt32BitsToSingle((uint)slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AsF64(ulong slot) => BitConverter.UInt64BitsToDouble(slot);

    // NaN inputs go through an addition so the result is a quiet (arithmetic) NaN even when canonicalization is off.
    public static float Min(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Min(a, b);

    public static float Max(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Max(a, b);

    public static double Min(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Min(a, b);

    public static double Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Max(a, b);

    public static float Nearest(float x) => MathF.Round(x, MidpointRounding.ToEven);

    public static double Nearest(double x) => Math.Round(x, MidpointRounding.ToEven);

    public static float ConvertU64ToF32(ulong v) =>
        (long)v >= 0 ? (long)v : (float)(long)((v >> 1) | (v & 1)) * 2f;

    public static double ConvertU64ToF64(ulong v) =>
        (long)v >= 0 ? (long)v : (double)(long)((v >> 1) | (v & 1)) * 2.0;

    public static int TruncI32(double x)
    {
        if (double.IsNaN(x)) TrapException.Throw(TrapCode.InvalidConversionToInteger);
        if (x <= -2147483649.0 || x >= 2147483648.0) TrapException.Throw(TrapCode.IntegerOverflow);
        return (int)x;
    }

    public static uint TruncU32(double x)
    {
        if (double.IsNaN(x)) TrapException.Throw(TrapCode.InvalidConversionToInteger);
        if (x <= -1.0 || x >= 4294967296.0) TrapException.Throw(TrapCode.IntegerOverflow);
        return (uint)x;
    }

    public static long TruncI64(double x)
    {
        if (double.IsNaN(x)) TrapException.Throw(TrapCode.InvalidConversionToInteger);
        if (x < -9223372036854775808.0 || x >= 9223372036854775808.0) TrapException.Throw(TrapCode.IntegerOverflow);
        return (long)x;
    }

    public static ulong TruncU64(double x)
    {
        if (double.IsNaN(x)) TrapException.Throw(TrapCode.InvalidConversionToInteger);
        if (x <= -1.0 || x >= 18446744073709551616.0) TrapException.Throw(TrapCode.IntegerOverflow);
        return (ulong)x;
    }

    public static int TruncSatI32(double x) =>
        double.IsNaN(x) ? 0 : x <= int.MinValue ? int.MinValue : x >= 2147483647.0 ? int.MaxValue : (int)x;

    public static uint TruncSatU32(double x) =>
        double.IsNaN(x) || x <= 0 ? 0 : x >= 4294967295.0 ? uint.MaxValue : (uint)x;

    public static long TruncSatI64(double x) =>
        double.IsNaN(x) ? 0 : x <= -9223372036854775808.0 ? long.MinValue : x >= 9223372036854775808.0 ? long.MaxValue : (long)x;

    public static ulong TruncSatU64(double x) =>
        double.IsNaN(x) || x <= 0 ? 0 : x >= 18446744073709551616.0 ? ulong.MaxValue : (ulong)x;
}
