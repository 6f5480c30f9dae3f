using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paraloom.Privacy;
using Paraloom.Silo.Api;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

/// <summary>Every way a submission can be wrong gets a 4xx problem with a clear message, and nothing is stored.</summary>
public sealed class BadInputTests() : SiloTest(WithSmallCaps())
{
    private const int ModuleCap = 64 * 1024;
    private const int InputCap = 4096;
    private const int BodyCap = 256 * 1024;

    private static SiloFactory WithSmallCaps() => new(new Dictionary<string, string?>
    {
        ["Caps:MaxModuleBytes"] = ModuleCap.ToString(),
        ["Caps:MaxInputBytes"] = InputCap.ToString(),
        ["Caps:MaxFuel"] = "2000000000",
        ["MaxRequestBodyBytes"] = BodyCap.ToString(),
    });

    private SubmitJobRequest Valid(string jobId = "job-1") =>
        ApiDriver.PublicJob(jobId, Repository.Program("sum"), ProgramInputs.Numbers(1, 2), Requester);

    [Fact]
    public async Task A_valid_submission_is_stored_which_is_what_the_other_cases_check_against()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.SubmitAsync(Valid())).StatusCode);
        Assert.NotEqual(0, Silo.StoredJobCount);
    }

    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        { "{\"jobId\": \"a\"", "bad-request", "not valid" },
        { "[1, 2, 3]", "bad-request", "not valid" },
        { "null", "bad-request", "null" },
        { "{\"jobId\":\"a\",\"requester\":\"00\"}", "bad-request", "module" },
        { "{\"jobId\":\"a\",\"module\":\"not base64!\",\"requester\":\"00\"}", "bad-request", "module" },
        { "{\"jobId\":\"a\",\"module\":\"AGFzbQEAAAA=\",\"requester\":\"00\",\"colour\":1}", "bad-request", "colour" },
        // A number given as a string, and a property given twice, are not guessed at.
        { "{\"jobId\":\"a\",\"module\":\"AGFzbQEAAAA=\",\"requester\":\"00\",\"replication\":\"3\"}", "bad-request", "replication" },
        { "{\"jobId\":\"a\",\"jobId\":\"b\",\"module\":\"AGFzbQEAAAA=\",\"requester\":\"00\"}", "bad-request", "jobId" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_and_missing_or_unknown_fields_are_400(string body, string error, string mentioned)
    {
        var response = await Api.Http.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, error, mentioned);
    }

    [Theory]
    [InlineData(" {}", "not valid")]
    [InlineData(" x", "not valid")]
    public async Task A_valid_submission_with_anything_after_it_is_400(string trailer, string mentioned)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(Valid(), ApiDriver.Json) + trailer;

        var response = await Api.Http.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "bad-request", mentioned);
    }

    [Fact]
    public async Task A_body_sent_in_chunks_without_a_length_is_read_whole_and_held_to_the_same_limits()
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Valid("chunked"), ApiDriver.Json);
        var tooLarge = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ApiDriver.Signed(Valid("chunked-large") with { Input = new byte[120_000] }, Requester), ApiDriver.Json);

        await AssertRefusedAsync(
            await Api.Http.PostAsync("/v1/jobs", Chunked(tooLarge)), HttpStatusCode.RequestEntityTooLarge, "request-too-large", "limit");
        Assert.Equal(HttpStatusCode.Created, (await Api.Http.PostAsync("/v1/jobs", Chunked(json))).StatusCode);
    }

    /// <summary>A body of unknown length, sent in small pieces, as a streaming client sends it.</summary>
    private static StreamContent Chunked(byte[] body)
    {
        var content = new StreamContent(new MemoryStream(body), bufferSize: 1000);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        return content;
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await Api.Http.PostAsync("/v1/jobs", new StringContent("jobId=a", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await ApiDriver.ProblemAsync(response)).Status);
        Assert.Equal(0, Silo.StoredJobCount);
    }

    [Fact]
    public async Task A_body_without_a_json_content_type_is_415_with_an_error_code()
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Valid(), ApiDriver.Json)));

        var response = await Api.Http.PostAsync("/v1/jobs", body);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "application/json");
    }

    [Fact]
    public async Task Refusals_the_framework_writes_are_problem_details_with_an_error_code()
    {
        var wrongMethod = await Api.Http.PutAsync("/v1/jobs", new StringContent("{}", Encoding.UTF8, "application/json"));
        var notJson = await Api.Http.PostAsync("/v1/jobs", new StringContent("jobId=a", Encoding.UTF8, "text/plain"));
        var noRoute = await Api.Http.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("method-not-allowed", (await ApiDriver.ProblemAsync(wrongMethod)).Error);
        Assert.Equal("unsupported-media-type", (await ApiDriver.ProblemAsync(notJson)).Error);
        Assert.Equal("not-found", (await ApiDriver.ProblemAsync(noRoute)).Error);
    }

    [Fact]
    public async Task A_request_target_above_the_limit_is_414_with_an_error_code_and_kestrel_leaves_that_to_the_silo()
    {
        var tooLong = await Api.Http.GetAsync("/v1/jobs/" + new string('a', RequestTargetLimit.MaxBytes));
        var kestrel = Silo.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Equal("uri-too-long", (await ApiDriver.ProblemAsync(tooLong)).Error);
        Assert.True(kestrel.Limits.MaxRequestLineSize > RequestTargetLimit.MaxBytes * 2);
    }

    [Fact]
    public async Task Null_keys_challenges_and_signatures_are_400_and_change_nothing()
    {
        await Api.SubmitAsync(ApiDriver.PrivateJob("nulls", Repository.Program("echo"), [1], Requester));
        var stored = Silo.StoredJobCount;
        string[] keyBodies =
        [
            "{\"attempt\":1,\"wrappedKeys\":null,\"signature\":\"00\"}",
            "{\"attempt\":1,\"wrappedKeys\":{\"validator-1\":null},\"signature\":\"00\"}",
            "{\"attempt\":1,\"wrappedKeys\":{},\"signature\":null}",
        ];
        string[] resultBodies = ["{\"challenge\":null,\"signature\":null}", "{\"challenge\":\"00\",\"signature\":null}"];

        foreach (var body in keyBodies)
        {
            var response = await Api.Http.PostAsync("/v1/jobs/nulls/keys", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("bad-request", (await ApiDriver.ProblemAsync(response)).Error);
        }
        foreach (var body in resultBodies)
        {
            var response = await Api.Http.PostAsync("/v1/jobs/nulls/result", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("bad-request", (await ApiDriver.ProblemAsync(response)).Error);
        }
        Assert.True((await Api.StatusAsync("nulls")).AwaitingKeys);
        Assert.Equal(stored, Silo.StoredJobCount);
    }

    [Fact]
    public async Task A_body_above_what_the_caps_leave_room_for_is_413_though_below_the_request_limit()
    {
        // Module and sealed input at their caps, base64, plus 16 KiB for the other fields.
        const long SubmissionCap = (ModuleCap + 2) / 3 * 4 + (InputCap + 62 + 2) / 3 * 4 + 16 * 1024;
        var request = ApiDriver.Signed(Valid() with { Input = new byte[120_000] }, Requester);

        await AssertRefusedAsync(await Api.SubmitAsync(request), HttpStatusCode.RequestEntityTooLarge, "request-too-large", SubmissionCap.ToString());
    }

    [Fact]
    public void The_submission_limit_is_the_caps_base64_encoded_or_the_request_limit_when_that_is_lower()
    {
        var defaults = new SiloOptions();
        var lowRequestLimit = new SiloOptions { MaxRequestBodyBytes = 1000 };

        Assert.InRange(SubmissionBodyLimit.For(defaults), 86L * 1024 * 1024, 87L * 1024 * 1024);
        Assert.Equal(1000, SubmissionBodyLimit.For(lowRequestLimit));
    }

    [Fact]
    public void Base64_in_json_costs_four_bytes_per_three_even_for_the_characters_an_encoder_might_escape()
    {
        // The submission limit counts 4/3 per byte: '+' and '/' must not be written as \u002B or \/.
        var plusesAndSlashes = Enumerable.Repeat((byte)0xFB, 3000).ToArray();

        Assert.Equal(4000 + 2, System.Text.Json.JsonSerializer.Serialize(plusesAndSlashes, ApiJson.Options).Length);
        Assert.Contains("+/", System.Text.Json.JsonSerializer.Serialize(plusesAndSlashes, ApiJson.Options));
    }

    [Fact]
    public async Task A_module_above_the_module_cap_is_refused()
    {
        var module = new byte[ModuleCap + 1];
        Repository.Program("sum").CopyTo(module, 0);

        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Module = module }, Requester)),
            HttpStatusCode.UnprocessableEntity, "above-cap", "module size");
    }

    [Fact]
    public async Task An_input_above_the_input_cap_is_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Input = new byte[InputCap + 4] }, Requester)),
            HttpStatusCode.UnprocessableEntity, "above-cap", "input size");
    }

    [Fact]
    public async Task Limits_above_the_cap_are_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Limits = new LimitsDto { Fuel = 2_000_000_001 } }, Requester)),
            HttpStatusCode.UnprocessableEntity, "above-cap", "fuel");
    }

    [Fact]
    public async Task Limits_that_are_not_limits_are_400()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Limits = new LimitsDto { MemoryBytes = 1000 } }, Requester)),
            HttpStatusCode.BadRequest, "bad-request", "64 KiB");
    }

    [Fact]
    public async Task Replication_above_the_cap_is_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Replication = 16 }, Requester)),
            HttpStatusCode.UnprocessableEntity, "above-cap", "replication");
    }

    [Fact]
    public async Task Replication_below_the_minimum_is_refused_as_below_the_minimum()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Replication = 2 }, Requester)),
            HttpStatusCode.UnprocessableEntity, "below-minimum", "below the network minimum");
    }

    [Fact]
    public async Task A_module_with_imports_is_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Module = WasmModules.WithImport() }, Requester)),
            HttpStatusCode.UnprocessableEntity, "module-has-imports", "env.f");
    }

    [Fact]
    public async Task A_module_using_simd_is_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Module = WasmModules.WithSimd() }, Requester)),
            HttpStatusCode.UnprocessableEntity, "invalid-module", "not valid WebAssembly");
    }

    [Fact]
    public async Task Bytes_that_are_not_webassembly_are_refused()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(Valid() with { Module = WasmModules.Garbage() }, Requester)),
            HttpStatusCode.UnprocessableEntity, "invalid-module", "not valid WebAssembly");
    }

    [Fact]
    public async Task An_ownership_proof_made_for_another_job_is_refused()
    {
        var proofForOtherJob = ApiDriver.PrivateJob("other-job", Repository.Program("echo"), [1], Requester);

        await AssertRefusedAsync(await Api.SubmitAsync(ApiDriver.Signed(proofForOtherJob with { JobId = "this-job" }, Requester)),
            HttpStatusCode.UnprocessableEntity, "invalid-ownership-proof", "ownership proof");
    }

    [Fact]
    public async Task A_proof_by_another_key_than_the_requester_is_refused()
    {
        using var impostor = SecretKey.Generate();
        var request = ApiDriver.PrivateJob("stolen", Repository.Program("echo"), [1], impostor) with { Requester = Requester.PublicKey.ToHex() };

        // Its statement names the impostor: it cannot sign one that names the requester.
        await AssertRefusedAsync(await Api.SubmitAsync(request), HttpStatusCode.BadRequest, "bad-request", "statement");
    }

    [Fact]
    public async Task Malformed_keys_commitments_and_proofs_are_400()
    {
        var valid = ApiDriver.PrivateJob("p-1", Repository.Program("echo"), [1], Requester);

        await AssertRefusedAsync(await Api.SubmitAsync(valid with { Requester = "zz" }), HttpStatusCode.BadRequest, "bad-request", "requester");
        await AssertRefusedAsync(await Api.SubmitAsync(valid with { Private = valid.Private! with { InputCommitment = "00" } }),
            HttpStatusCode.BadRequest, "bad-request", "inputCommitment");
        await AssertRefusedAsync(await Api.SubmitAsync(valid with { Private = valid.Private! with { OwnershipProof = "abc" } }),
            HttpStatusCode.BadRequest, "bad-request", "ownershipProof");
        await AssertRefusedAsync(await Api.SubmitAsync(valid with { Input = [1] }), HttpStatusCode.BadRequest, "bad-request", "not both");
    }

    [Fact]
    public async Task An_invalid_job_id_is_400()
    {
        await AssertRefusedAsync(await Api.SubmitAsync(Valid("has/slash")), HttpStatusCode.BadRequest, "invalid-job-id", "job id");
    }

    [Fact]
    public async Task A_second_submission_under_a_taken_id_is_409_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.SubmitAsync(Valid("taken"))).StatusCode);

        var second = await Api.SubmitAsync(ApiDriver.Signed(Valid("taken") with { Input = ProgramInputs.Numbers(99) }, Requester));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("already-submitted", (await ApiDriver.ProblemAsync(second)).Error);
        await Api.WaitFinalAsync("taken", Requester);
        var result = await Api.ResultAsync("taken", await Api.SignedChallengeAsync("taken", Requester));
        Assert.Equal(ProgramInputs.Sum(1, 2), (await result.Content.ReadFromJsonAsync<JobResultResponse>(ApiDriver.Json))!.Output);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string error, string mentioned)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await ApiDriver.ProblemAsync(response);
        Assert.Equal((int)status, problem.Status);
        Assert.Equal(error, problem.Error);
        Assert.Contains(mentioned, problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Silo.StoredJobCount);
    }
}
