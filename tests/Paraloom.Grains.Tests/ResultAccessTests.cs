using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

public sealed class ResultAccessTests
{
    [Fact]
    public async Task OnlyTheRequestersSignatureOverAFreshChallengeOpensTheResult()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        // A private job waits for its keys, so its result is certainly not ready yet.
        await cluster.SubmitPrivateAsync("access", Repository.Program("sum"), ProgramInputs.Numbers(4));
        var notReady = await cluster.Job("access").CreateResultChallengeAsync();
        await Assert.ThrowsAsync<ResultNotReadyException>(() =>
            cluster.Job("access").GetResultAsync(notReady, ResultAuthorization.Sign(cluster.Requester, "access", notReady.Nonce.Span)));
        await cluster.WaitFinalAsync("access");
        var job = cluster.Job("access");

        var challenge = await job.CreateResultChallengeAsync();
        var signature = ResultAuthorization.Sign(cluster.Requester, "access", challenge.Nonce.Span);
        Assert.Equal(ProgramInputs.Sum(4), (await job.GetResultAsync(challenge, signature)).Decrypt(cluster.Requester));

        // Replaying the same challenge and signature fails: the challenge is single-use.
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() => job.GetResultAsync(challenge, signature));

        using var stranger = SecretKey.Generate();
        var fresh = await job.CreateResultChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            job.GetResultAsync(fresh, ResultAuthorization.Sign(stranger, "access", fresh.Nonce.Span)));

        var forOtherJob = await job.CreateResultChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            job.GetResultAsync(forOtherJob, ResultAuthorization.Sign(cluster.Requester, "another-job", forOtherJob.Nonce.Span)));

        var invented = new ResultChallenge(new byte[ResultChallenge.Size], DateTimeOffset.MaxValue);
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            job.GetResultAsync(invented, ResultAuthorization.Sign(cluster.Requester, "access", invented.Nonce.Span)));
    }

    [Fact]
    public async Task NoNumberOfChallengesOthersRequestPushesOutTheRequestersOwn()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        await cluster.SubmitPublicAsync("crowded", Repository.Program("sum"), ProgramInputs.Numbers(4));
        await cluster.WaitFinalAsync("crowded");
        var job = cluster.Job("crowded");
        var mine = await job.CreateResultChallengeAsync();

        for (var i = 0; i < 200; i++)
        {
            await job.CreateResultChallengeAsync();
        }

        var result = await job.GetResultAsync(mine, ResultAuthorization.Sign(cluster.Requester, "crowded", mine.Nonce.Span));
        Assert.Equal(ProgramInputs.Sum(4), result.Output.ToArray());
    }

    [Fact]
    public async Task AStrangersFailedTryDoesNotUseTheRequestersChallengeUp()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        await cluster.SubmitPublicAsync("tried", Repository.Program("sum"), ProgramInputs.Numbers(5));
        await cluster.WaitFinalAsync("tried");
        var job = cluster.Job("tried");
        var challenge = await job.CreateResultChallengeAsync();
        using var stranger = SecretKey.Generate();

        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            job.GetResultAsync(challenge, ResultAuthorization.Sign(stranger, "tried", challenge.Nonce.Span)));

        var result = await job.GetResultAsync(challenge, ResultAuthorization.Sign(cluster.Requester, "tried", challenge.Nonce.Span));
        Assert.Equal(ProgramInputs.Sum(5), result.Output.ToArray());
    }

    [Fact]
    public async Task AnExpiredChallengeIsRefused()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            configure: options => options.ResultChallengeLifetime = TimeSpan.FromMilliseconds(50));
        await cluster.SubmitPublicAsync("expiry", Repository.Program("sum"), ProgramInputs.Numbers(4));
        await cluster.WaitFinalAsync("expiry");

        var challenge = await cluster.Job("expiry").CreateResultChallengeAsync();
        await Task.Delay(150);

        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            cluster.Job("expiry").GetResultAsync(challenge, ResultAuthorization.Sign(cluster.Requester, "expiry", challenge.Nonce.Span)));
    }
}
