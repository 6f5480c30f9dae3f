namespace Paraloom.Wasm;

/// <summary>Why a module was rejected.</summary>
public enum ModuleErrorKind
{
    /// <summary>The bytes are not a well-formed binary module.</summary>
    Malformed,
    /// <summary>The module decodes but does not validate (type errors, bad indices...).</summary>
    Invalid,
    /// <summary>The module exceeds a <see cref="ModuleLimits"/> bound.</summary>
    TooLarge,
}

/// <summary>A module could not be decoded, validated or accepted within the engine's limits.</summary>
public sealed class ModuleException : Exception
{
    public ModuleException(ModuleErrorKind kind, string message) : base($"{KindName(kind)} module: {message}")
    {
        Kind = kind;
        Reason = message;
    }

    public ModuleErrorKind Kind { get; }

    /// <summary>The message without the kind prefix.</summary>
    public string Reason { get; }

    private static string KindName(ModuleErrorKind kind) => kind switch
    {
        ModuleErrorKind.Malformed => "malformed",
        ModuleErrorKind.Invalid => "invalid",
        _ => "too large",
    };
}
