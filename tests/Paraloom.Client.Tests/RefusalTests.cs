namespace Paraloom.Client.Tests;

public sealed class RefusalTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task A_refused_submission_is_a_validation_exception_with_the_problem_details()
    {
        var job = Job.Builder().Wasm("not wasm"u8).Input([1]).RequestedBy(Requester.PublicKey).Build();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Client.SubmitAsync(job));

        Assert.Equal(422, refused.Status);
        Assert.Equal("invalid-module", refused.Error);
        Assert.Contains("not valid WebAssembly", refused.Message);
    }

    [Fact]
    public async Task Limits_above_the_cap_are_a_validation_exception()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester.PublicKey)
            .Limits(new JobLimits { Fuel = Paraloom.Compute.NetworkCaps.Default.MaxFuel + 1 }).Build();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Client.SubmitAsync(job));

        Assert.Equal("above-cap", refused.Error);
    }

    [Fact]
    public async Task Submitting_the_same_job_twice_is_a_conflict()
    {
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester.PublicKey).Build();
        await Client.SubmitAsync(job);

        var conflict = await Assert.ThrowsAsync<ParaloomApiException>(() => Client.SubmitAsync(job));

        Assert.Equal(409, conflict.Status);
        Assert.Equal("already-submitted", conflict.Error);
    }

    [Fact]
    public async Task An_unknown_job_is_a_job_not_found_exception()
    {
        var missing = await Assert.ThrowsAsync<JobNotFoundException>(() => Client.GetStatusAsync("no-such-job"));

        Assert.Equal(404, missing.Status);
    }

}
