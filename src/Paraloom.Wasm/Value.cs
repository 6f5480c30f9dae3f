namespace Paraloom.Wasm;

/// <summary>A WebAssembly value: a number (kept as its raw bits) or a reference.</summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private Value(ValueType type, ulong bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _reference = reference;
    }

    public ValueType Type { get; }

    public static Value I32(int value) => new(ValueType.I32, (uint)value, null);

    public static Value I64(long value) => new(ValueType.I64, (ulong)value, null);

    public static Value F32(float value) => new(ValueType.F32, BitConverter.SingleToUInt32Bits(value), null);

    public static Value F64(double value) => new(ValueType.F64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>An f32 given by its exact bit pattern (keeps NaN payloads).</summary>
    public static Value F32Bits(uint bits) => new(ValueType.F32, bits, null);

    /// <summary>An f64 given by its exact bit pattern (keeps NaN payloads).</summary>
    public static Value F64Bits(ulong bits) => new(ValueType.F64, bits, null);

    public static Value FuncRef(Function? function) => new(ValueType.FuncRef, 0, function);

    /// <summary>An externref holding any host object; null is the null reference.</summary>
    public static Value ExternRef(object? value) => new(ValueType.ExternRef, 0, value);

    /// <summary>The null reference of a reference type, or zero of a numeric type.</summary>
    public static Value Default(ValueType type) => new(type, 0, null);

    public int AsI32() => Type == ValueType.I32 ? (int)(uint)_bits : throw WrongType(ValueType.I32);

    public long AsI64() => Type == ValueType.I64 ? (long)_bits : throw WrongType(ValueType.I64);

    public float AsF32() => Type == ValueType.F32 ? BitConverter.UInt32BitsToSingle((uint)_bits) : throw WrongType(ValueType.F32);

    public double AsF64() => Type == ValueType.F64 ? BitConverter.UInt64BitsToDouble(_bits) : throw WrongType(ValueType.F64);

    public Function? AsFunction() => Type == ValueType.FuncRef ? (Function?)_reference : throw WrongType(ValueType.FuncRef);

    public object? AsExternRef() => Type == ValueType.ExternRef ? _reference : throw WrongType(ValueType.ExternRef);

    /// <summary>The raw bits of a numeric value (zero-extended for 32-bit types).</summary>
    public ulong Bits => Type.IsReference() ? throw new InvalidOperationException($"a {Type.Name()} value has no bits") : _bits;

    public bool IsNull => Type.IsReference() && _reference is null;

    internal object? Reference => _reference;

    internal ulong RawBits => _bits;

    internal static Value FromBits(ValueType type, ulong bits) => new(type, bits, null);

    public bool Equals(Value other) => Type == other.Type && _bits == other._bits && Equals(_reference, other._reference);

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _bits, _reference);

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public override string ToString() => Type switch
    {
        ValueType.I32 => $"i32:{(int)(uint)_bits}",
        ValueType.I64 => $"i64:{(long)_bits}",
        ValueType.F32 => $"f32:{BitConverter.UInt32BitsToSingle((uint)_bits)}",
        ValueType.F64 => $"f64:{BitConverter.UInt64BitsToDouble(_bits)}",
        _ => _reference is null ? $"{Type.Name()}:null" : $"{Type.Name()}:ref",
    };

    private InvalidOperationException WrongType(ValueType wanted) =>
        new($"the value is {Type.Name()}, not {wanted.Name()}");
}
