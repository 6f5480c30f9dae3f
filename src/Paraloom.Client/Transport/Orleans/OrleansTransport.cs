using System.Runtime.CompilerServices;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client.Transport.Orleans;

/// <summary>
/// The service's calls as grain calls through an Orleans gateway. The grains' refusals become the same
/// <see cref="ParaloomApiException"/>s, with the same status and error code, as the HTTP API's (<see cref="Refusal"/>).
/// </summary>
internal sealed class OrleansTransport(IGrainFactory grains) : IParaloomTransport
{
    public Task<JobProgress> SubmitAsync(Job job, CancellationToken cancellationToken) =>
        CallAsync(Job(job.Id).SubmitAsync(GrainMapping.ToSubmission(job)), GrainMapping.ToProgress, cancellationToken);

    public Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        CallAsync(Job(jobId).GetStatusAsync(), GrainMapping.ToProgress, cancellationToken);

    /// <summary>Waits in the job grain, which wakes the call when it stores a state change.</summary>
    public async IAsyncEnumerable<JobProgress> WatchAsync(string jobId, long afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var job = Job(jobId);
        var seen = afterVersion;
        while (true)
        {
            var status = await CallAsync(job.WaitForChangeAsync(seen, JobWatch.MaxWait, cancellationToken), GrainMapping.ToProgress, cancellationToken);
            if (status.Version > seen)
            {
                seen = status.Version;
                yield return status;
            }
            if (status.IsFinal)
            {
                yield break;
            }
        }
    }

    public Task<JobProgress> HandOutAsync(string jobId, SignedKeyHandOut handOut, CancellationToken cancellationToken) =>
        CallAsync(Job(jobId).DeliverKeysAsync(handOut.Attempt, handOut.WrappedKeys, handOut.Signature), GrainMapping.ToProgress, cancellationToken);

    public Task<byte[]> CreateResultChallengeAsync(string jobId, CancellationToken cancellationToken) =>
        CallAsync(Job(jobId).CreateResultChallengeAsync(), challenge => challenge.Nonce.ToArray(), cancellationToken);

    public Task<JobResult> GetResultAsync(
        string jobId, byte[] challenge, SchnorrSignature signature, PublicKey requester, CancellationToken cancellationToken) =>
        // The grain knows the challenge's expiry; like the HTTP API, the requester sends back only the nonce it signed.
        CallAsync(Job(jobId).GetResultAsync(new ResultChallenge(challenge, DateTimeOffset.MaxValue), signature), GrainMapping.ToResult, cancellationToken);

    public Task<NoteInclusionProof> GetNoteProofAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken) =>
        CallAsync(Job(jobId).GetNoteProofAsync(new ResultChallenge(challenge, DateTimeOffset.MaxValue), signature), proof => proof, cancellationToken);

    public Task<JobProgress> CancelAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken) =>
        CallAsync(Job(jobId).CancelAsync(new ResultChallenge(challenge, DateTimeOffset.MaxValue), signature), GrainMapping.ToProgress, cancellationToken);

    public Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken) =>
        CallAsync(
            grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).GetValidatorsAsync(),
            validators => (IReadOnlyList<ValidatorStatus>)[.. validators.Select(GrainMapping.ToValidator)],
            cancellationToken);

    public Task<byte[]> CreateAccountChallengeAsync(string accountKey, CancellationToken cancellationToken) =>
        CallAsync(Account(accountKey).CreateReadChallengeAsync(), challenge => challenge.Nonce.ToArray(), cancellationToken);

    public Task<Client.Account> GetAccountAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken) =>
        CallAsync(Account(accountKey).GetAsync(new ResultChallenge(challenge, DateTimeOffset.MaxValue), signature), GrainMapping.ToAccount, cancellationToken);

    public async Task<IReadOnlyList<JobProgress>> ListJobsAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken)
    {
        var ids = await CallAsync(
            Account(accountKey).ListJobIdsAsync(new ResultChallenge(challenge, DateTimeOffset.MaxValue), signature), ids => ids, cancellationToken);
        var statuses = await Task.WhenAll(ids.Select(id => StatusOrNoneAsync(id, cancellationToken)));
        return [.. statuses.OfType<JobProgress>()];
    }

    /// <summary>A listed job's status; none for one whose retention ended since it was listed.</summary>
    private async Task<JobProgress?> StatusOrNoneAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetStatusAsync(jobId, cancellationToken);
        }
        catch (JobNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> GrantAsync(CreditGrant grant, CancellationToken cancellationToken) =>
        CallAsync(Account(grant.Requester.ToHex()).GrantAsync(grant.ToBytes()), applied => applied, cancellationToken);

    private IAccountGrain Account(string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        return grains.GetGrain<IAccountGrain>(accountKey);
    }

    private IComputeJobGrain Job(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return grains.GetGrain<IComputeJobGrain>(jobId);
    }

    private static async Task<TResult> CallAsync<TAnswer, TResult>(Task<TAnswer> call, Func<TAnswer, TResult> map, CancellationToken cancellationToken)
    {
        try
        {
            return map(await call.WaitAsync(cancellationToken));
        }
        catch (Exception refused) when (Refusal.Of(refused) is { } refusal)
        {
            throw ParaloomApiException.For(new ProblemDetails(refusal.Status, refusal.Title, refusal.Message, refusal.Error));
        }
        catch (Exception unreachable) when (unreachable is SiloUnavailableException or ConnectionFailedException
            or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException)
        {
            throw new SiloUnreachableException($"cannot reach the cluster through its Orleans gateway: {unreachable.Message}", unreachable);
        }
    }
}
