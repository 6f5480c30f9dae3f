using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client.Tests;

/// <summary>
/// An Orleans gateway client of the real silo, trying each attack of issue 19 on the grains' internal steps: every call
/// is refused with <see cref="CallNotAllowedException"/> and changes nothing, while the requester's own calls still work.
/// </summary>
public sealed class GatewayAccessTests(SiloServer silo) : IClassFixture<SiloServer>, IAsyncLifetime
{
    private readonly SecretKey _attacker = SecretKey.Generate();
    private IHost _host = null!;
    private string _jobId = null!;
    private IReadOnlyList<ValidatorInfo> _validators = null!;

    private IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    private IValidatorRegistryGrain Registry => Grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    public async Task InitializeAsync()
    {
        _host = await silo.ConnectGatewayAsync();
        var client = _host.Services.GetRequiredService<IParaloomClient>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _jobId = await client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input("honest"u8).RequestedBy(_attacker).Build());
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(_jobId, cancellationToken: patience.Token)).State);
        _validators = await Registry.GetValidatorsAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _attacker.Dispose();
    }

    [Fact]
    public async Task A_client_cannot_open_the_quorum_of_a_later_attempt_with_a_cohort_of_its_own_nor_vote_into_it()
    {
        var quorum = Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(_jobId, 2));
        var cohort = new[] { new CohortMember("attacker", _attacker.PublicKey) };

        await Refused(() => quorum.OpenAsync(new QuorumSetup(_jobId, 2, cohort, AgreementOptions.Default, "any", new byte[32])));
        await Refused(() => quorum.SubmitVoteAsync(ForgedVote(_jobId, 2, "attacker")));
        await Refused(() => quorum.RecordRefusalAsync(new AssignmentRefusal(_jobId, 2, _validators[0].ValidatorId, "forged")));
        await Refused(() => quorum.RecordWallClockAsync(WallClockReport.Sign(_attacker, new VoteSubject(_jobId, 2, new byte[32], new byte[32]), _validators[0].ValidatorId, "any")));
        await Refused(() => quorum.ScheduleCloseAsync(DateTimeOffset.UtcNow));
        await Refused(() => quorum.CloseAsync());
        await Refused(() => quorum.SettleAsync(new AgreedResult(ExecutionStatus.Ok, 0, "x"u8, ResultDigest.FromBytes(new byte[32]), 1)));
        await Refused(() => quorum.ForgetAsync());
        await Refused(() => quorum.GetSnapshotAsync());
    }

    [Fact]
    public async Task A_client_cannot_hand_a_validator_an_assignment_nor_change_its_reputation()
    {
        var validator = Grains.GetGrain<IValidatorGrain>(_validators[0].ValidatorId);
        var job = JobSpec.Public(JobId.New(), Repository.Program("echo"), "run me"u8);
        var statement = JobStatement.ForPublic(job.Id, job.Module.Span, job.Input.Span, _attacker.PublicKey, job.Limits, 3, DateTimeOffset.UtcNow.AddHours(1))
            .Sign(_attacker);

        await Refused(() => validator.ExecuteAsync(new Assignment(job, statement, 1, [_validators[0].ValidatorId])));
        await Refused(() => validator.ApplyReputationAsync(new ReputationOutcome("invented", 1, MemberConduct.Equivocated)));
        await Refused(() => validator.GetInfoAsync());
        Assert.Equal(_validators[0].Reputation, (await Registry.GetValidatorsAsync())[0].Reputation);
    }

    [Fact]
    public async Task A_client_cannot_register_a_key_report_reputation_or_load_nor_reserve_the_capacity()
    {
        var victim = _validators[0];

        await Refused(() => Registry.RegisterAsync(victim with { PublicKey = _attacker.PublicKey }, SiloAddress.Zero));
        await Refused(() => Registry.ReportReputationAsync(victim.ValidatorId, 0));
        await Refused(() => Registry.SelectCohortAsync("hoarder", 3, [], [], TimeSpan.FromDays(3650)));
        // One-way: the refusal does not come back, so the registry is read after it.
        await Registry.ReportLoadAsync(victim.ValidatorId, new LoadReport(1_000, long.MaxValue));
        await Registry.ReleaseAsync(_jobId, null);

        var after = (await Registry.GetValidatorsAsync()).Single(validator => validator.ValidatorId == victim.ValidatorId);
        Assert.Equal(victim.PublicKey, after.PublicKey);
        Assert.Equal(victim.Reputation, after.Reputation);
        Assert.Equal(0, after.InFlight);
    }

    [Fact]
    public async Task A_client_cannot_release_or_read_a_module_nor_reach_a_job_through_its_internal_interfaces()
    {
        var module = Grains.GetGrain<IModuleGrain>(ModuleKey.For(Repository.Program("echo")));

        await Refused(() => module.ReleaseAsync());
        await Refused(() => module.ReadAsync());
        await Refused(() => CallInternal("IJobInputGrain", "ReadAsync"));
        await Refused(() => CallInternal("IJobInputGrain", "RemoveAsync"));
        // Orleans' own interfaces too: a forged reminder tick would close an attempt early.
        await Refused(() => Grains.GetGrain<IRemindable>(GrainId.Create("result-quorum", QuorumKey.For(_jobId, 1)))
            .ReceiveReminder("close", default));
    }

    [Fact]
    public async Task The_requester_surface_stays_open_and_the_refusal_reaches_the_sdk_as_a_403()
    {
        var client = _host.Services.GetRequiredService<IParaloomClient>();

        Assert.Equal(JobState.Finalised, (await client.GetStatusAsync(_jobId)).State);
        Assert.Equal("honest"u8.ToArray(), (await client.GetResultAsync(_jobId, _attacker)).Output.ToArray());
        var refusal = Refusal.Of(await Assert.ThrowsAsync<CallNotAllowedException>(() => Registry.ReportReputationAsync("v0", 0)));
        Assert.Equal((403, "call-not-allowed"), (refusal!.Status, refusal.Error));
    }

    [Fact]
    public async Task A_client_cannot_hold_release_settle_or_earn_on_an_account_nor_read_anothers_and_no_balance_moves()
    {
        var client = _host.Services.GetRequiredService<IParaloomClient>();
        var account = _attacker.PublicKey.ToHex();
        var before = await client.GetAccountAsync(_attacker);
        var validator = _validators[0];
        var noShares = Array.CreateInstance(GrainsType("ValidatorShare"), 0);

        // A hold of everything, under a job id of its own: it would take all the account's credits.
        await Refused(() => CallLedger(account, "HoldAsync", Internal("AccountHold", "forged-hold", before.Credits, true)));
        await Refused(() => CallLedger(account, "ReleaseAsync", _jobId));
        await Refused(() => CallLedger(account, "SettleAsync", Internal("AccountSettlement", "forged-hold", 1, 0L, noShares, true)));
        // An earning that names the attacker's account as payer, for a validator whose key it knows.
        await Refused(() => CallLedger(validator.ValidatorId, "EarnAsync",
            Internal("AccountEarning", account, 1_000L, _jobId, 1, 1_000_000L, validator.PublicKey.ToBytes(), true)));
        var victim = Grains.GetGrain<IAccountGrain>(validator.ValidatorId);
        var challenge = await victim.CreateReadChallengeAsync();
        await Assert.ThrowsAsync<ResultAccessDeniedException>(() =>
            victim.GetAsync(challenge, AccountAuthorization.Sign(_attacker, validator.ValidatorId, challenge.Nonce.Span)));

        var after = await client.GetAccountAsync(_attacker);
        Assert.Equal((before.Credits, before.Held, before.History.Count), (after.Credits, after.Held, after.History.Count));
    }

    [Fact]
    public async Task A_client_cannot_append_a_note_to_the_tree_write_or_read_a_shard_nor_ask_for_a_path()
    {
        using var opening = NoteOpening.OfAmount(1, Blinding.FromBytes(SHA256.HashData("forged"u8)));
        var note = opening.Commit();

        // Also as the finished job it names: only that job's own grain may append its note.
        await Refused(() => CallInternal("INoteTreeGrain", 0, "AppendAsync", _jobId, note));
        await Refused(() => CallInternal("INoteTreeGrain", 0, "ProveAsync", 0L));
        await Refused(() => CallInternal("INoteShardGrain", 0, "AppendAsync", 0, new byte[32]));
        await Refused(() => CallInternal("INoteShardGrain", 0, "ReadLeavesAsync"));
        await Refused(() => CallInternal("INoteShardGrain", 0, "PathAsync", 0));
    }

    [Fact]
    public async Task A_client_cannot_read_a_requesters_job_ids_or_claim_and_give_back_its_share()
    {
        using var victim = SecretKey.Generate();
        var type = GrainsType("IRequesterGrain");
        var requester = Grains.GetGrain(type, victim.PublicKey.ToHex());
        Task Call(string method, params object[] arguments) => (Task)type.GetMethod(method)!.Invoke(requester, arguments)!;

        // Only the requester's own account, after checking the owner's signature, may ask for its jobs.
        await Refused(() => Call("RecentJobsAsync"));
        await Refused(() => Call("ForgottenAsync", _jobId, 1L));
        await Refused(() => Call("WithdrawAsync", _jobId));
    }

    private static Type GrainsType(string name) => Type.GetType($"Paraloom.Grains.{name}, Paraloom.Grains", throwOnError: true)!;

    /// <summary>One of the grains' internal records, built as an attacker holding the silo's assembly builds it.</summary>
    private static object Internal(string name, params object[] arguments) => Activator.CreateInstance(GrainsType(name), arguments)!;

    /// <summary>A method of the internal account ledger on <paramref name="account"/>'s grain.</summary>
    private Task CallLedger(string account, string method, object argument)
    {
        var type = GrainsType("IAccountLedger");
        return (Task)type.GetMethod(method)!.Invoke(Grains.GetGrain(type, account), [argument])!;
    }

    private SignedVote ForgedVote(string jobId, int attempt, string validatorId) => SignedVote.Sign(
        _attacker, new VoteSubject(jobId, attempt, new byte[32], new byte[32]), validatorId, ExecutionStatus.Ok, 0, "forged"u8, 1, "any", null);

    /// <summary>
    /// A method of one of the grains' internal interfaces on this job's grain, as an attacker holding the silo's assembly
    /// (or declaring the same aliases) sends it.
    /// </summary>
    private Task CallInternal(string grainInterface, string method)
    {
        var type = typeof(IComputeJobGrain).Assembly.GetType($"Paraloom.Grains.{grainInterface}")
            ?? Type.GetType($"Paraloom.Grains.{grainInterface}, Paraloom.Grains", throwOnError: true)!;
        var grain = Grains.GetGrain(type, _jobId);
        return (Task)type.GetMethod(method)!.Invoke(grain, [])!;
    }

    /// <summary>A method of one of the grains' internal interfaces on the grain of integer <paramref name="key"/>.</summary>
    private Task CallInternal(string grainInterface, long key, string method, params object[] arguments)
    {
        var type = GrainsType(grainInterface);
        return (Task)type.GetMethod(method)!.Invoke(Grains.GetGrain(type, key), arguments)!;
    }

    private static async Task Refused(Func<Task> call) => await Assert.ThrowsAsync<CallNotAllowedException>(call);
}
