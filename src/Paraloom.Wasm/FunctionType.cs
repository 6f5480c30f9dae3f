namespace Paraloom.Wasm;

/// <summary>A function signature. Two types are equal when their parameter and result lists are equal.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    private readonly ValueType[] _parameters;
    private readonly ValueType[] _results;

    public FunctionType(IEnumerable<ValueType> parameters, IEnumerable<ValueType> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        _parameters = parameters.ToArray();
        _results = results.ToArray();
    }

    public IReadOnlyList<ValueType> Parameters => _parameters;

    public IReadOnlyList<ValueType> Results => _results;

    internal ValueType[] ParameterArray => _parameters;

    internal ValueType[] ResultArray => _results;

    public bool Equals(FunctionType? other) =>
        other is not null && _parameters.AsSpan().SequenceEqual(other._parameters) && _results.AsSpan().SequenceEqual(other._results);

    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _parameters) hash.Add(p);
        hash.Add(-1);
        foreach (var r in _results) hash.Add(r);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"[{string.Join(' ', _parameters.Select(p => p.Name()))}] -> [{string.Join(' ', _results.Select(r => r.Name()))}]";
}
