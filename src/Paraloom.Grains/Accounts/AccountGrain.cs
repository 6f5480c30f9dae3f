using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// One account. Every step that moves credits is written in one state write with what makes it apply once: a hold under its
/// job id (held again: nothing; settled or released: gone, so a second settlement finds nothing), a grant under its id until
/// it expires, an earning under its payer's sequence number. A settlement writes its earnings to an outbox in the same write
/// and then delivers them; an earning is removed from the outbox only once its recipient applied it, so a crash between the
/// two delivers it again and the recipient ignores the repeat. Earnings flow one way, from requester accounts (keyed by a
/// public key) to validator accounts (keyed by a validator id), so two accounts never wait on each other.
/// </summary>
[GrainType("account")]
internal sealed partial class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> state,
    IOptions<ComputeOptions> options,
    TimeProvider time,
    AccountMetrics metrics,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IAccountLedger
{
    /// <summary>How soon an outbox whose delivery failed is tried again.</summary>
    private static readonly TimeSpan RedeliveryPeriod = TimeSpan.FromSeconds(5);

    private ResultChallenges? _challenges;
    private IGrainTimer? _redelivery;

    private AccountState Stored => state.State;

    private string Key => this.GetPrimaryKeyString();

    /// <summary>A requester's account is keyed by its public key (64 hex digits); a validator's by its id.</summary>
    private bool IsRequester => Key.Length == 2 * PublicKey.Size && Key.All(Uri.IsHexDigit);

    private DateTimeOffset Now => time.GetUtcNow();

    private ResultChallenges Challenges => _challenges ??= new ResultChallenges("account:" + Key, options.Value.ResultChallengeLifetime);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Stored.Outbox.Count > 0)
        {
            // Written by an activation that did not live to deliver it.
            StartRedelivery(TimeSpan.Zero);
        }
        return Task.CompletedTask;
    }

    public Task<ResultChallenge> CreateReadChallengeAsync() => Task.FromResult(Challenges.Issue(Now));

    public async Task<AccountView> GetAsync(ResultChallenge challenge, SchnorrSignature signature)
    {
        AuthorizeOwner(challenge, signature);
        await WelcomeNewcomerAsync();
        return new AccountView(Key, Stored.Credits, Stored.Holds.Values.Sum(), Stored.Earned, [.. Stored.History]);
    }

    public async Task<IReadOnlyList<string>> ListJobIdsAsync(ResultChallenge challenge, SchnorrSignature signature)
    {
        AuthorizeOwner(challenge, signature);
        // The requester grain never calls an account, so waiting on it cannot close a cycle.
        return IsRequester ? await GrainFactory.GetGrain<IRequesterGrain>(Key).RecentJobsAsync() : [];
    }

    /// <summary>Uses <paramref name="challenge"/> once it is open and <paramref name="signature"/> is the owner's over it.</summary>
    private void AuthorizeOwner(ResultChallenge challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(signature);
        if (!Challenges.IsOpen(challenge.Nonce.Span, Now))
        {
            throw new ResultAccessDeniedException("The challenge is unknown, already used or expired: request a fresh one.");
        }
        var owner = IsRequester ? PublicKey.FromHex(Key) : Stored.Owner is { } key ? PublicKey.FromBytes(key) : null;
        if (owner is null)
        {
            throw new ResultAccessDeniedException($"The validator account {Key} has earned nothing yet, so it has no owner to sign for it.");
        }
        if (!AccountAuthorization.Verify(owner, Key, challenge.Nonce.Span, signature))
        {
            throw new ResultAccessDeniedException("The signature is not the account owner's over this account and challenge.");
        }
        Challenges.Use(challenge.Nonce.Span, Now);
    }

    public async Task<bool> GrantAsync(byte[] grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        CreditGrant parsed;
        try
        {
            parsed = CreditGrant.FromBytes(grant);
        }
        catch (FormatException invalid)
        {
            throw new InvalidCreditGrantException(invalid.Message);
        }
        if (parsed.ProblemUnder(options.Value.NetworkAuthority!, Now) is { } problem)
        {
            throw new InvalidCreditGrantException($"The credit grant is refused: {problem}.");
        }
        if (!IsRequester || !parsed.Requester.Equals(PublicKey.FromHex(Key)))
        {
            throw new InvalidCreditGrantException($"The credit grant is for {parsed.Requester}, not for the account {Key}.");
        }
        foreach (var expired in Stored.Grants.Where(applied => applied.Value < Now).Select(applied => applied.Key).ToList())
        {
            Stored.Grants.Remove(expired);
        }
        if (Stored.Grants.ContainsKey(parsed.Id))
        {
            return false;
        }
        Stored.Credits = checked(Stored.Credits + parsed.Credits);
        Stored.Grants[parsed.Id] = parsed.ExpiresAt.AddSeconds(1);
        Record(AccountEntryKind.Grant, parsed.Credits, null, 0);
        await state.WriteStateAsync();
        metrics.Granted(parsed.Credits);
        LogGranted(logger, Key, parsed.Credits, parsed.Id);
        return true;
    }

    public async Task HoldAsync(AccountHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        if (Stored.Holds.ContainsKey(hold.JobId))
        {
            return;
        }
        await WelcomeNewcomerAsync();
        if (hold.Amount > Stored.Credits)
        {
            metrics.InsufficientCredits();
            throw new InsufficientCreditsException(
                $"The job may cost up to {hold.Amount} credits (its fuel limit × price × K, and its stored bytes for the retention), " +
                $"but the account has {Stored.Credits} to spend ({Stored.Holds.Values.Sum()} more are held by its running jobs): " +
                "ask the network authority for a grant, or lower the job's fuel limit.");
        }
        Stored.Credits -= hold.Amount;
        Stored.Holds[hold.JobId] = hold.Amount;
        Record(AccountEntryKind.Hold, hold.Amount, hold.JobId, 0);
        await state.WriteStateAsync();
        metrics.Held(hold.Amount, hold.IsPublic);
    }

    public async Task ReleaseAsync(string jobId)
    {
        if (Stored.Holds.Remove(jobId, out var held))
        {
            Stored.Credits += held;
            Record(AccountEntryKind.Refund, held, jobId, 0);
            await state.WriteStateAsync();
        }
    }

    public async Task SettleAsync(AccountSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        if (Stored.Holds.Remove(settlement.JobId, out var held))
        {
            // A job never charges more than it held (its fuel is within its limit, its members within K); if it did, the hold caps it.
            var charge = Math.Min(settlement.Charge, held);
            var earned = settlement.Earnings.Sum(share => share.Amount);
            if (earned > charge)
            {
                throw new ArgumentException($"Job {settlement.JobId} shares out {earned} credits of a charge of {charge}.", nameof(settlement));
            }
            Stored.Credits += held - charge;
            Record(AccountEntryKind.Charge, charge, settlement.JobId, settlement.Attempt);
            if (held > charge)
            {
                Record(AccountEntryKind.Refund, held - charge, settlement.JobId, settlement.Attempt);
            }
            foreach (var share in settlement.Earnings.Where(share => share.Amount > 0))
            {
                var sequence = Stored.Sent[share.ValidatorId] = Stored.Sent.GetValueOrDefault(share.ValidatorId) + 1;
                Stored.Outbox.Add(new PendingEarning(share.ValidatorId, new AccountEarning(
                    Key, sequence, settlement.JobId, settlement.Attempt, share.Amount, share.PublicKey, settlement.IsPublic)));
            }
            await state.WriteStateAsync();
            metrics.Charged(charge, settlement.IsPublic);
        }
        // Also for a settlement sent again: whatever an earlier one left undelivered goes now.
        await DeliverOutboxAsync();
    }

    public async Task EarnAsync(AccountEarning earning)
    {
        ArgumentNullException.ThrowIfNull(earning);
        if (earning.Sequence <= Stored.Received.GetValueOrDefault(earning.Payer))
        {
            return;
        }
        var recipient = PublicKey.FromBytes(earning.RecipientKey);
        if (ValidatorIdentity.FromPublicKey(recipient) != Key || (Stored.Owner is { } owner && !owner.AsSpan().SequenceEqual(earning.RecipientKey)))
        {
            throw new ArgumentException($"The earning is for the key {recipient}, whose validator id is not {Key}.", nameof(earning));
        }
        Stored.Owner ??= earning.RecipientKey;
        Stored.Received[earning.Payer] = earning.Sequence;
        Stored.Credits = checked(Stored.Credits + earning.Amount);
        Stored.Earned = checked(Stored.Earned + earning.Amount);
        Record(AccountEntryKind.Earning, earning.Amount, earning.JobId, earning.Attempt);
        await state.WriteStateAsync();
        if (earning.IsPublic)
        {
            metrics.Earned(Key, earning.Amount);
        }
    }

    /// <summary>Delivers the outbox in order; what a recipient did not acknowledge stays, and is tried again shortly.</summary>
    private async Task DeliverOutboxAsync()
    {
        if (Stored.Outbox.Count == 0)
        {
            return;
        }
        var delivered = 0;
        try
        {
            foreach (var pending in Stored.Outbox)
            {
                await GrainFactory.GetGrain<IAccountLedger>(pending.Recipient).EarnAsync(pending.Earning);
                delivered++;
            }
        }
        catch (Exception failed) when (failed is not ArgumentException)
        {
            LogDeliveryFailed(logger, failed, Key, Stored.Outbox.Count - delivered);
            StartRedelivery(RedeliveryPeriod);
        }
        if (delivered > 0)
        {
            Stored.Outbox.RemoveRange(0, delivered);
            await state.WriteStateAsync();
        }
        if (Stored.Outbox.Count == 0)
        {
            _redelivery?.Dispose();
            _redelivery = null;
        }
    }

    private void StartRedelivery(TimeSpan dueTime) =>
        _redelivery ??= this.RegisterGrainTimer(_ => DeliverOutboxAsync(), dueTime, RedeliveryPeriod);

    /// <summary>On an open network, a requester key's first use brings it the newcomer credits, once.</summary>
    private async Task WelcomeNewcomerAsync()
    {
        var credits = options.Value.Fees.NewcomerCredits;
        if (credits <= 0 || Stored.NewcomerGranted || !IsRequester)
        {
            return;
        }
        Stored.NewcomerGranted = true;
        Stored.Credits = checked(Stored.Credits + credits);
        Record(AccountEntryKind.Grant, credits, null, 0);
        await state.WriteStateAsync();
        metrics.Granted(credits);
    }

    private void Record(AccountEntryKind kind, long amount, string? jobId, int attempt)
    {
        Stored.History.Add(new AccountEntry(kind, amount, jobId, attempt, Now));
        if (Stored.History.Count > AccountView.HistoryLength)
        {
            Stored.History.RemoveRange(0, Stored.History.Count - AccountView.HistoryLength);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account} granted {Credits} credits (grant {GrantId})")]
    private static partial void LogGranted(ILogger logger, string account, long credits, string grantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: delivering earnings failed, {Pending} left for a retry")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string account, int pending);
}
