using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Silo.Api;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

public sealed class ApiLifecycleTests : SiloTest
{
    [Fact]
    public async Task A_public_job_is_submitted_agreed_and_its_result_served_to_the_requester()
    {
        var submitted = await Api.SubmitAsync(ApiDriver.PublicJob("sum-1", Repository.Program("sum"), ProgramInputs.Numbers(3, 4, 5), Requester));

        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("/v1/jobs/sum-1", submitted.Headers.Location?.OriginalString);
        var accepted = (await submitted.Content.ReadFromJsonAsync<JobStatusResponse>(ApiDriver.Json))!;
        Assert.Equal("Executing", accepted.State);
        Assert.Equal(3, accepted.Cohort.Count);
        Assert.Equal(3, accepted.Cohort.Select(member => member.PublicKey).Distinct().Count());

        var final = await Api.WaitFinalAsync("sum-1", Requester);
        Assert.Equal("Finalised", final.State);
        Assert.Equal(3, final.Threshold);
        Assert.NotNull(final.Digest);

        var response = await Api.ResultAsync("sum-1", await Api.SignedChallengeAsync("sum-1", Requester));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = body.Deserialize<JobResultResponse>(ApiDriver.Json)!;
        Assert.Equal("Ok", result.Status);
        Assert.Equal(ProgramInputs.Sum(3, 4, 5), result.Output);
        // Both amounts are JSON numbers, as the API expects numbers in requests.
        Assert.Equal((JsonValueKind.Number, JsonValueKind.Number), (body.RootElement.GetProperty("fuelUsed").ValueKind, body.RootElement.GetProperty("fee").ValueKind));
        Assert.Equal(final.Digest, result.Digest);
        Assert.True(result.FuelUsed > 0);
        Assert.Null(result.Privacy);
    }

    [Fact]
    public async Task A_private_job_waits_for_the_key_hand_out_then_delivers_output_only_the_requester_opens()
    {
        byte[] input = "private payload 42"u8.ToArray();
        var submitted = await Api.SubmitAsync(ApiDriver.PrivateJob("echo-private", Repository.Program("echo"), input, Requester));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        var awaiting = await Api.StatusAsync("echo-private");
        Assert.True(awaiting.IsPrivate);
        Assert.True(awaiting.AwaitingKeys);
        Assert.Equal("AwaitingKeys", awaiting.State);
        Assert.NotNull(awaiting.Privacy);

        var final = await Api.WaitFinalAsync("echo-private", Requester);
        Assert.Equal("Finalised", final.State);

        var result = (await (await Api.ResultAsync("echo-private", await Api.SignedChallengeAsync("echo-private", Requester)))
            .Content.ReadFromJsonAsync<JobResultResponse>(ApiDriver.Json))!;
        Assert.NotEqual(input, result.Output);
        Assert.DoesNotContain(Convert.ToHexString(input), Convert.ToHexString(result.Output));
        var context = ApiDriver.Context("echo-private", result.Privacy!, final.Requester);
        using var key = context.DeriveKey(Requester);
        Assert.Equal(input, OutputSealer.Open(key, context.Binding, result.Attempt, SealedOutput.FromBytes(result.Output)));
    }

    [Fact]
    public async Task The_result_is_refused_to_another_key_and_a_challenge_works_once()
    {
        await Api.SubmitAsync(ApiDriver.PublicJob("sum-2", Repository.Program("sum"), ProgramInputs.Numbers(1), Requester));
        await Api.WaitFinalAsync("sum-2", Requester);

        using var stranger = SecretKey.Generate();
        var denied = await Api.ResultAsync("sum-2", await Api.SignedChallengeAsync("sum-2", stranger));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("result-access-denied", (await ApiDriver.ProblemAsync(denied)).Error);

        var signed = await Api.SignedChallengeAsync("sum-2", Requester);
        Assert.Equal(HttpStatusCode.OK, (await Api.ResultAsync("sum-2", signed)).StatusCode);
        var replayed = await Api.ResultAsync("sum-2", signed);
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
    }

    [Fact]
    public async Task A_result_asked_for_before_agreement_is_a_conflict_naming_the_state()
    {
        await Api.SubmitAsync(ApiDriver.PrivateJob("not-yet", Repository.Program("echo"), [1, 2, 3], Requester));

        var response = await Api.ResultAsync("not-yet", await Api.SignedChallengeAsync("not-yet", Requester));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await ApiDriver.ProblemAsync(response);
        Assert.Equal("result-not-ready", problem.Error);
        Assert.Contains("AwaitingKeys", problem.Detail);
    }

    [Fact]
    public async Task A_hand_out_for_another_attempt_or_not_the_whole_cohort_is_refused()
    {
        await Api.SubmitAsync(ApiDriver.PrivateJob("keys-1", Repository.Program("echo"), [9], Requester));
        var status = await Api.StatusAsync("keys-1");

        var wrongAttempt = await Api.Http.PostAsJsonAsync("/v1/jobs/keys-1/keys", ApiDriver.HandOut(status with { Attempt = 2 }, Requester), ApiDriver.Json);
        var partial = await Api.Http.PostAsJsonAsync("/v1/jobs/keys-1/keys",
            ApiDriver.HandOut(status with { Cohort = [.. status.Cohort.Skip(1)] }, Requester), ApiDriver.Json);

        Assert.Equal(HttpStatusCode.Conflict, wrongAttempt.StatusCode);
        Assert.Equal("key-delivery-refused", (await ApiDriver.ProblemAsync(wrongAttempt)).Error);
        Assert.Equal(HttpStatusCode.Conflict, partial.StatusCode);
        Assert.True((await Api.StatusAsync("keys-1")).AwaitingKeys);
    }

    [Fact]
    public async Task Only_the_requesters_signed_hand_out_is_taken_and_only_once()
    {
        await Api.SubmitAsync(ApiDriver.PrivateJob("keys-2", Repository.Program("echo"), [9], Requester));
        var status = await Api.StatusAsync("keys-2");
        var genuine = ApiDriver.HandOut(status, Requester);
        var garbage = genuine with { WrappedKeys = genuine.WrappedKeys.ToDictionary(pair => pair.Key, _ => new byte[93]) };

        var forged = await Api.Http.PostAsJsonAsync("/v1/jobs/keys-2/keys", garbage, ApiDriver.Json);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("key-hand-out-denied", (await ApiDriver.ProblemAsync(forged)).Error);
        Assert.True((await Api.StatusAsync("keys-2")).AwaitingKeys);

        var taken = await Api.Http.PostAsJsonAsync("/v1/jobs/keys-2/keys", genuine, ApiDriver.Json);
        var again = await Api.Http.PostAsJsonAsync("/v1/jobs/keys-2/keys", genuine, ApiDriver.Json);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Finalised", (await Api.WaitFinalAsync("keys-2", Requester)).State);
    }

    [Fact]
    public async Task Unknown_jobs_are_404_and_impossible_ids_400()
    {
        var unknown = await Api.Http.GetAsync("/v1/jobs/never-submitted");
        var impossible = await Api.Http.GetAsync("/v1/jobs/" + new string('x', 65));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-job", (await ApiDriver.ProblemAsync(unknown)).Error);
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        Assert.Equal("invalid-job-id", (await ApiDriver.ProblemAsync(impossible)).Error);
    }

    [Fact]
    public async Task Validators_are_listed_with_load_and_reputation()
    {
        var validators = await Api.Http.GetFromJsonAsync<ValidatorResponse[]>("/v1/validators", ApiDriver.Json);

        // Each id is derived from the validator's public key: unique across a cluster, the same after a restart.
        Assert.Equal(3, validators!.Length);
        Assert.All(validators!, v => Assert.Equal("v" + v.PublicKey[..16], v.ValidatorId));
        Assert.All(validators!, v =>
        {
            Assert.Equal(4, v.Capacity);
            Assert.Equal(0, v.InFlight);
            Assert.Equal(0.0, v.Load);
            Assert.True(v.Reputation > 0);
            Assert.Equal(64, v.PublicKey.Length);
        });
    }
}
