namespace Paraloom.Compute.Execution;

/// <summary>
/// Ways a module can fail compute ABI v1 before or after <c>run</c>. Each is deterministic, so a cohort agrees
/// on it like on any result. The numeric values are part of the digest: never renumber.
/// </summary>
public enum AbiErrorKind : uint
{
    /// <summary>The bytes do not decode or validate as a WebAssembly module.</summary>
    InvalidModule = 1,

    /// <summary>The module imports something: job modules get no host functions.</summary>
    HasImports = 2,

    /// <summary>One of <c>memory</c>, <c>alloc</c>, <c>run</c> is not exported.</summary>
    MissingExport = 3,

    /// <summary>An export has the wrong kind or signature.</summary>
    ExportTypeMismatch = 4,

    /// <summary>Instantiation failed, for example because the initial memory is above the memory limit.</summary>
    InstantiationFailed = 5,

    /// <summary><c>alloc</c> returned a region that is not inside linear memory.</summary>
    InputOutOfBounds = 6,

    /// <summary><c>run</c> returned a region that is not inside linear memory.</summary>
    OutputOutOfBounds = 7,

    /// <summary>The output is larger than the job's output cap.</summary>
    OutputTooLarge = 8,
}
