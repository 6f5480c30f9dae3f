namespace Paraloom.Compute;

/// <summary>Which admission check a refused job failed, for callers that answer each differently.</summary>
public enum AdmissionFailure
{
    /// <summary>A limit, the module, the input or the replication is above the network cap.</summary>
    AboveCap,

    /// <summary>The bytes do not decode or validate as a WebAssembly module.</summary>
    InvalidModule,

    /// <summary>The module imports something: job modules get no host functions.</summary>
    HasImports,

    /// <summary>The module lacks one of compute ABI v1's exports.</summary>
    NotComputeAbi,

    /// <summary>The private job's ownership proof does not hold for its id, module, commitment and requester.</summary>
    InvalidOwnershipProof,

    /// <summary>The replication is below the network minimum: too few validators to agree on a result.</summary>
    BelowMinimum,
}
