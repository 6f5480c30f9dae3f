using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Silo.Api;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// A silo that has seen one of everything operators watch: a public and a private job finalised (K = 1), a
/// result served, a refused submission, and a K = 3 job whose cohorts disagree (one of the three validators
/// lies) until it runs out of attempts and is rejected. <see cref="Metrics"/> is the scrape taken afterwards.
/// </summary>
public sealed class ObservedSilo : IAsyncLifetime
{
    public const string Liar = "validator-2";

    // K = 1 is below the default minimum replication; this silo allows it, so the K = 1 jobs avoid the liar.
    private readonly SiloFactory _silo = new(
        settings: new Dictionary<string, string?> { ["Caps:MinReplication"] = "1" },
        services: services =>
        services.AddByzantineValidator(Liar, ValidatorConduct.WrongDigest));
    private readonly SecretKey _requester = SecretKey.Generate();

    public PrometheusText Metrics { get; private set; } = new("");

    /// <summary>The liar's validator id (derived from its key).</summary>
    public string LiarId => _silo.ValidatorIds[1];

    public IReadOnlyList<string> ValidatorIds => _silo.ValidatorIds;

    public async Task InitializeAsync()
    {
        var api = new ApiDriver(_silo.CreateClient());
        var sum = Repository.Program("sum");

        await Submit(api, ApiDriver.Signed(ApiDriver.PublicJob("public-1", sum, ProgramInputs.Numbers(1, 2), _requester) with { Replication = 1 }, _requester));
        await Submit(api, ApiDriver.Signed(ApiDriver.PrivateJob("private-1", Repository.Program("echo"), "private"u8.ToArray(), _requester) with { Replication = 1 }, _requester));
        await Submit(api, ApiDriver.PublicJob("disagreed-1", sum, ProgramInputs.Numbers(3), _requester));
        Assert.False((await api.SubmitAsync(ApiDriver.PublicJob("refused-1", WasmModules.WithImport(), [], _requester))).IsSuccessStatusCode);

        Assert.Equal("Finalised", (await api.WaitFinalAsync("public-1", _requester)).State);
        Assert.Equal("Finalised", (await api.WaitFinalAsync("private-1", _requester)).State);
        Assert.Equal("Rejected", (await api.WaitFinalAsync("disagreed-1", _requester)).State);
        Assert.Equal(HttpStatusCode.OK, (await api.ResultAsync("public-1", await api.SignedChallengeAsync("public-1", _requester))).StatusCode);

        Metrics = new PrometheusText(await api.Http.GetStringAsync("/metrics"));
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _requester.Dispose();
    }

    private static async Task Submit(ApiDriver api, SubmitJobRequest request) =>
        Assert.Equal(HttpStatusCode.Created, (await api.SubmitAsync(request)).StatusCode);
}
