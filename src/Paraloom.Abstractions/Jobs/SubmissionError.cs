using Orleans;

namespace Paraloom.Grains;

/// <summary>Why a submission was refused.</summary>
[GenerateSerializer, Alias("paraloom.submission-error")]
public enum SubmissionError
{
    /// <summary>The job id is not 1–64 characters of letters, digits, '-' or '_'.</summary>
    InvalidJobId,

    /// <summary>A job with this id was already submitted.</summary>
    AlreadySubmitted,

    /// <summary>A limit, the module, the input or K is above the network cap.</summary>
    AboveCap,

    /// <summary>The module does not decode or validate, or lacks the compute ABI's exports.</summary>
    InvalidModule,

    /// <summary>The module imports something: job modules get no host functions.</summary>
    HasImports,

    /// <summary>The private job's ownership proof does not verify for this job, module, commitment and key.</summary>
    InvalidOwnershipProof,

    /// <summary>Too few validators pass the reputation gate with free capacity to form a cohort.</summary>
    NoValidators,

    /// <summary>The job statement is not signed by its requester, or does not describe the job submitted with it.</summary>
    InvalidStatement,

    /// <summary>The job statement's expiry has passed, or lies further out than the network keeps a job's id.</summary>
    StatementExpired,

    /// <summary>K is below the network minimum (added last: the values before it are stored and sent as they were).</summary>
    BelowMinimum,
}
