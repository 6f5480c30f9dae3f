using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Turns a validator's execution result into the votes it sends. <see cref="HonestVoteSigner"/> is the only
/// implementation a silo has: the byzantine validators the agreement tests need live in test code, which registers them
/// keyed by a validator's key slot (<c>validator-1</c> …). The interface is internal and no setting names a signer, so a
/// production silo has no path to a dishonest validator.
/// </summary>
internal interface IVoteSigner
{
    /// <param name="result">The result to vote on: for a private job its output is already the sealed output.</param>
    /// <param name="profile">The execution profile the result came from.</param>
    IReadOnlyList<SignedVote> Sign(string validatorId, SecretKey key, Assignment assignment, ExecutionResult result, string profile);
}
