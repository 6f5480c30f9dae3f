using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>Checks a result against its receipt, and keeps of the answer only what the receipt proves.</summary>
internal static class ResultVerification
{
    /// <summary>
    /// The result as its receipt proves it: attempt, status, code, digest, fuel and a private job's facts come from the
    /// receipt and the statement in it (which only the requester's key signs, for this job id), the output is checked
    /// against the digest the cohort signed, and the votes of validators <paramref name="revocations"/> revoked do not
    /// count; only the fee is the silo's word.
    /// </summary>
    /// <exception cref="UnverifiedResultException">The receipt is missing, malformed, or does not prove this output.</exception>
    public static JobResult Verified(
        JobResult result, PublicKey networkKey, PublicKey requester, IReadOnlyCollection<ValidatorRevocation> revocations)
    {
        if (result.Receipt.IsEmpty)
        {
            throw new UnverifiedResultException(result.JobId, "the silo sent no receipt");
        }
        JobReceipt receipt;
        try
        {
            receipt = JobReceipt.FromBytes(result.Receipt.Span);
        }
        catch (FormatException malformed)
        {
            throw new UnverifiedResultException(result.JobId, malformed.Message.TrimEnd('.'));
        }
        var statement = receipt.Statement.Statement;
        if (statement.JobId.Value != result.JobId || !statement.Requester.Equals(requester))
        {
            throw new UnverifiedResultException(result.JobId, "the receipt's statement is not the requester's for this job");
        }
        if (receipt.ProblemUnder(networkKey, output: result.Output.Span, checkOutput: true, revocations: revocations) is { } problem)
        {
            throw new UnverifiedResultException(result.JobId, problem);
        }
        var context = statement.InputCommitment is { } commitment
            ? new PrivateJobContext(result.JobId, statement.ModuleHash, commitment, statement.Requester, statement.Nonce)
            : null;
        return new JobResult(
            result.JobId, receipt.Attempt, Enum.Parse<ResultStatus>(receipt.Status.ToString()), receipt.Code, ErrorName(receipt),
            result.Output.ToArray(), receipt.Digest.ToString(), receipt.FuelUsed, result.Fee, context, result.Receipt.ToArray());
    }

    private static string? ErrorName(JobReceipt receipt) => receipt.Status switch
    {
        ExecutionStatus.Trap => ((TrapCode)receipt.Code).ToString(),
        ExecutionStatus.AbiError => ((AbiErrorKind)receipt.Code).ToString(),
        _ => null,
    };
}
