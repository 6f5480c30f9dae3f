using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>
/// Accounts on the compute grains: a submission holds the most its job may cost or is refused with nothing stored; a job
/// that ends is charged exactly (fuel × price × K and its storage when agreed, its storage alone when rejected), the rest
/// of its hold goes back, and each agreeing member's validator account earns its share; grants count only from the
/// network authority, once.
/// </summary>
public sealed class AccountTests
{
    private static readonly ResourceLimits ShortLimits = new()
    {
        Fuel = 50_000_000,
        WallClock = TimeSpan.FromSeconds(1),
        DistributionTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task A_submission_the_account_cannot_cover_is_refused_with_nothing_stored_and_a_grant_lets_it_in()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.Fees = options.Fees with { NewcomerCredits = 1_000 });
        var module = Repository.Program("sum");
        var input = ProgramInputs.Numbers(5, 6);

        var refused = await Assert.ThrowsAsync<InsufficientCreditsException>(() => cluster.SubmitPublicAsync("poor", module, input, ShortLimits));

        Assert.Contains("1000 to spend", refused.Message);
        Assert.Equal(402, Refusal.Of(refused)!.Status);
        await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("poor").GetStatusAsync());
        var account = await ReadAsync(cluster, cluster.Requester);
        Assert.Equal((1_000L, 0L), (account.Credits, account.Held));

        var hold = HoldOf(ShortLimits, module.Length + input.Length);
        Assert.True(await cluster.Grains.GetGrain<IAccountGrain>(cluster.Requester.PublicKey.ToHex()).GrantAsync(Grant(cluster.Requester.PublicKey, hold)));
        // The same id again: nothing was stored of the refused submission, so it is no repeat.
        await cluster.SubmitPublicAsync("poor", module, input, ShortLimits);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("poor")).State);
    }

    [Fact]
    public async Task Balances_are_exact_after_final_trapped_retried_and_rejected_jobs_and_members_earn_their_shares()
    {
        const long newcomer = 100_000_000_000;
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4, conduct: new Dictionary<string, ValidatorConduct> { ["validator-1"] = ValidatorConduct.Silent },
            configure: options =>
            {
                options.AttemptGrace = TimeSpan.FromSeconds(3);
                options.KeyHandOutTimeout = TimeSpan.FromSeconds(2);
                options.Fees = options.Fees with { NewcomerCredits = newcomer, PricePerFuelUnit = 2, StoragePricePerByteDay = 3 };
            });
        // The spare ranks last, so the first cohort holds the silent validator: that job is retried on the spare.
        await cluster.DemoteAsync("validator-4");
        var sum = Repository.Program("sum");
        var numbers = ProgramInputs.Numbers(5, 6);
        var trap = Repository.Program("trap");
        var retried = await cluster.SubmitPublicAsync("retried", sum, numbers, ShortLimits);
        Assert.Contains(retried.Cohort, member => member.ValidatorId == cluster.IdOf("validator-1"));
        var retriedFinal = await cluster.WaitFinalAsync("retried");
        Assert.Equal((JobState.Finalised, 2), (retriedFinal.State, retriedFinal.Attempt));
        await cluster.SubmitPublicAsync("final", sum, numbers, ShortLimits);
        await cluster.SubmitPublicAsync("trapped", trap, [], ShortLimits);
        // A private job nobody hands the key to: its cohort never runs it, and it is rejected.
        var unopened = JobSubmission.Confidential(
            "unopened", sum, cluster.Requester, PrivateJobInput.Seal("unopened", sum, numbers, cluster.Requester), ShortLimits,
            validity: cluster.StatementValidity);
        await cluster.Job("unopened").SubmitAsync(unopened);
        var ended = new Dictionary<string, JobStatus>();
        foreach (var job in new[] { "final", "trapped" })
        {
            ended[job] = await cluster.WaitFinalAsync(job);
        }
        ended["retried"] = retriedFinal;
        var rejected = await Eventually.ReachesAsync(() => cluster.Job("unopened").GetStatusAsync(), status => status.IsFinal, "the unopened job is rejected");
        Assert.Equal(JobState.Rejected, rejected.State);

        var retention = new ComputeOptions().Retention;
        var expectedCharges = 0L;
        var expectedEarnings = new Dictionary<string, long>();
        foreach (var (job, bytes) in new[] { ("final", sum.Length + numbers.Length), ("trapped", trap.Length), ("retried", sum.Length + numbers.Length) })
        {
            var result = await cluster.FetchResultAsync(job);
            var compute = result.FuelUsed * 2 * 3;
            var charge = compute + Storage(bytes, 3, retention);
            Assert.Equal((UInt128)charge, result.Fee);
            expectedCharges += charge;
            // K = 3 needs all three votes: each member of the agreeing cohort earns a third of the compute charge.
            foreach (var member in ended[job].Cohort)
            {
                expectedEarnings[member.ValidatorId] = expectedEarnings.GetValueOrDefault(member.ValidatorId) + compute / 3;
            }
        }
        Assert.Equal(Compute.Execution.ExecutionStatus.Trap, (await cluster.FetchResultAsync("trapped")).Status);
        expectedCharges += Storage(sum.Length + unopened.Private!.SealedInput.ToBytes().Length, 3, retention);

        var account = await ReadAsync(cluster, cluster.Requester);
        Assert.Equal((newcomer - expectedCharges, 0L), (account.Credits, account.Held));
        Assert.Equal(4, account.History.Count(entry => entry.Kind == AccountEntryKind.Hold));
        Assert.Equal(4, account.History.Count(entry => entry.Kind == AccountEntryKind.Charge));
        foreach (var slot in new[] { "validator-1", "validator-2", "validator-3", "validator-4" })
        {
            var id = cluster.IdOf(slot);
            var expected = expectedEarnings.GetValueOrDefault(id);
            if (expected == 0)
            {
                // The silent validator agreed on nothing: it earned nothing, and has no account to read.
                await Assert.ThrowsAsync<ResultAccessDeniedException>(() => ReadAsync(cluster, cluster.ValidatorKey(slot), id));
                continue;
            }
            var earned = await Eventually.ReachesAsync(() => ReadAsync(cluster, cluster.ValidatorKey(slot), id),
                view => view.Earned == expected, $"{slot} earns {expected}");
            Assert.Equal(expected, earned.Credits);
        }
    }

    [Fact]
    public async Task Only_the_network_authoritys_unexpired_grant_for_the_account_counts_and_only_once()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.Fees = options.Fees with { NewcomerCredits = 0 });
        var key = cluster.Requester.PublicKey;
        var account = cluster.Grains.GetGrain<IAccountGrain>(key.ToHex());
        using var impostor = SecretKey.Generate();
        using var someoneElse = SecretKey.Generate();

        var forged = CreditGrant.Issue(impostor, key, 5_000, DateTimeOffset.UtcNow.AddHours(1));
        var expired = CreditGrant.Issue(TestNetwork.Authority, key, 5_000, DateTimeOffset.UtcNow.AddMinutes(-1));
        var misdirected = CreditGrant.Issue(TestNetwork.Authority, someoneElse.PublicKey, 5_000, DateTimeOffset.UtcNow.AddHours(1));
        var tampered = Grant(key, 5_000);
        tampered[1 + 32 + 32 + 7] ^= 1;

        Assert.Contains("not signed by the network authority", (await Assert.ThrowsAsync<InvalidCreditGrantException>(() => account.GrantAsync(forged.ToBytes()))).Message);
        Assert.Contains("expired", (await Assert.ThrowsAsync<InvalidCreditGrantException>(() => account.GrantAsync(expired.ToBytes()))).Message);
        Assert.Contains("not for the account", (await Assert.ThrowsAsync<InvalidCreditGrantException>(() => account.GrantAsync(misdirected.ToBytes()))).Message);
        Assert.Contains("does not verify", (await Assert.ThrowsAsync<InvalidCreditGrantException>(() => account.GrantAsync(tampered))).Message);
        await Assert.ThrowsAsync<InvalidCreditGrantException>(() => account.GrantAsync([1, 2, 3]));
        Assert.Equal(0, (await ReadAsync(cluster, cluster.Requester)).Credits);

        var genuine = Grant(key, 5_000);
        Assert.True(await account.GrantAsync(genuine));
        Assert.False(await account.GrantAsync(genuine));
        var view = await ReadAsync(cluster, cluster.Requester);
        Assert.Equal(5_000, view.Credits);
        Assert.Single(view.History, entry => entry.Kind == AccountEntryKind.Grant);
    }

    [Fact]
    public async Task An_account_is_read_only_with_its_owners_signature_over_a_fresh_challenge()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        var key = cluster.Requester.PublicKey.ToHex();
        var account = cluster.Grains.GetGrain<IAccountGrain>(key);
        using var stranger = SecretKey.Generate();

        var challenge = await account.CreateReadChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.GetAsync(challenge, AccountAuthorization.Sign(stranger, key, challenge.Nonce.Span)));
        // A result fetch's signature over the same bytes is no account read.
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.GetAsync(challenge, ResultAuthorization.Sign(cluster.Requester, key, challenge.Nonce.Span)));
        var view = await account.GetAsync(challenge, AccountAuthorization.Sign(cluster.Requester, key, challenge.Nonce.Span));
        Assert.Equal(TestNetwork.NewcomerCredits, view.Credits);
        // Used once: the same signed challenge reads nothing again.
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.GetAsync(challenge, AccountAuthorization.Sign(cluster.Requester, key, challenge.Nonce.Span)));
        // The requester's jobs are read the same way.
        var listing = await account.CreateReadChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.ListJobIdsAsync(listing, AccountAuthorization.Sign(stranger, key, listing.Nonce.Span)));
        Assert.Empty(await account.ListJobIdsAsync(listing, AccountAuthorization.Sign(cluster.Requester, key, listing.Nonce.Span)));
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => account.ListJobIdsAsync(listing, AccountAuthorization.Sign(cluster.Requester, key, listing.Nonce.Span)));
    }

    private static byte[] Grant(PublicKey requester, long credits) =>
        CreditGrant.Issue(TestNetwork.Authority, requester, credits, DateTimeOffset.UtcNow.AddHours(1)).ToBytes();

    private static long HoldOf(ResourceLimits limits, long storedBytes) =>
        limits.Fuel * 3 + Storage(storedBytes, 1, new ComputeOptions().Retention);

    /// <summary>Bytes × price per byte-day × the retention's days, rounded up: computed here apart from the service's arithmetic.</summary>
    private static long Storage(long bytes, long pricePerByteDay, TimeSpan retention) =>
        (long)Math.Ceiling((decimal)bytes * pricePerByteDay * retention.Ticks / TimeSpan.TicksPerDay);

    private static async Task<AccountView> ReadAsync(ComputeCluster cluster, SecretKey owner, string? accountKey = null)
    {
        accountKey ??= owner.PublicKey.ToHex();
        var account = cluster.Grains.GetGrain<IAccountGrain>(accountKey);
        var challenge = await account.CreateReadChallengeAsync();
        return await account.GetAsync(challenge, AccountAuthorization.Sign(owner, accountKey, challenge.Nonce.Span));
    }
}
