using Paraloom.Compute;
using Paraloom.Compute.Agreement;

namespace Paraloom.Grains;

/// <summary>
/// The attempt a vote is about, as its signature binds it: the job (by id, and by the hash of the statement its requester
/// signed), the attempt and the hash of the attempt's cohort.
/// </summary>
public sealed class VoteSubject
{
    private readonly byte[] _statementHash;
    private readonly byte[] _cohortHash;

    public VoteSubject(string jobId, int attempt, ReadOnlySpan<byte> statementHash, ReadOnlySpan<byte> cohortHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        if (statementHash.Length != VoteClaim.HashSize || cohortHash.Length != VoteClaim.HashSize)
        {
            throw new ArgumentException($"A statement's and a cohort's hashes are {VoteClaim.HashSize} bytes.");
        }
        JobId = jobId;
        Attempt = attempt;
        _statementHash = statementHash.ToArray();
        _cohortHash = cohortHash.ToArray();
    }

    public string JobId { get; }

    public int Attempt { get; }

    public ReadOnlySpan<byte> StatementHash => _statementHash;

    public ReadOnlySpan<byte> CohortHash => _cohortHash;

    /// <summary>The attempt of <paramref name="statement"/>'s job whose cohort is <paramref name="cohort"/>, in its order.</summary>
    public static VoteSubject For(JobStatement statement, int attempt, IReadOnlyList<string> cohort)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new VoteSubject(statement.JobId.Value, attempt, statement.Hash(), VoteClaim.HashCohort(cohort));
    }

    /// <summary>What the assigned member signs about its assignment.</summary>
    public static VoteSubject Of(Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return For(assignment.Statement.Statement, assignment.Attempt, assignment.Cohort);
    }

    public bool Matches(SignedVote vote) =>
        vote.JobId == JobId && vote.Attempt == Attempt && vote.StatementHash.SequenceEqual(_statementHash)
        && vote.CohortHash.SequenceEqual(_cohortHash);
}
