using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm;

/// <summary>A host function body: receives the arguments, returns the results (matching the function type).</summary>
public delegate Value[] HostCallback(ReadOnlySpan<Value> arguments);

/// <summary>A function of a store: either a wasm function of an instance or a host function.</summary>
public sealed class Function : Extern
{
    /// <summary>Creates a host function the store's instances can import.</summary>
    public Function(Store store, FunctionType type, HostCallback callback) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        Type = type;
        TypeId = store.Engine.InternType(type);
        Host = callback;
        Handle = store.Register(this);
    }

    internal Function(Store store, FunctionType type, int typeId, Instance instance, CompiledFunction code) : base(store)
    {
        Type = type;
        TypeId = typeId;
        Instance = instance;
        Code = code;
        Handle = store.Register(this);
    }

    public override ExternKind Kind => ExternKind.Function;

    public FunctionType Type { get; }

    internal int TypeId { get; }

    /// <summary>This function's reference in its store's slots (never 0, which is null).</summary>
    internal ulong Handle { get; }

    internal Instance? Instance { get; }

    internal CompiledFunction? Code { get; }

    internal HostCallback? Host { get; }

    /// <summary>Calls the function. Not thread-safe: a store runs one call at a time.</summary>
    /// <exception cref="ArgumentException">The arguments do not match <see cref="Type"/>.</exception>
    /// <exception cref="TrapException">Execution trapped.</exception>
    public Value[] Invoke(params Value[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parameters = Type.ParameterArray;
        if (args.Length != parameters.Length)
            throw new ArgumentException($"expected {parameters.Length} arguments, got {args.Length}", nameof(args));
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Type != parameters[i])
                throw new ArgumentException($"argument {i} is {args[i].Type.Name()}, expected {parameters[i].Name()}", nameof(args));
        }
        return Interpreter.Invoke(this, args);
    }
}
