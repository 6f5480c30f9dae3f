using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// The compute grains on Orleans' in-process test cluster (one silo), reached through the cluster client so every
/// call crosses Orleans' serializer, with fast deadlines. With a store, state and reminders live in it (and
/// validator keys in <c>keys</c> beside it) under a fixed service id, so the silo can be killed and a new one
/// started on what it left behind. Guarded, the silo runs the call guard a production silo does, so the cluster client
/// may call only the requester's surface.
/// </summary>
internal sealed class ComputeCluster : IAsyncDisposable
{
    private const string ServiceId = "paraloom-grains-tests";

    private readonly Func<Task<InProcessTestCluster>> _start;
    private InProcessTestCluster _cluster;

    private ComputeCluster(InProcessTestCluster cluster, Func<Task<InProcessTestCluster>> start)
    {
        _cluster = cluster;
        _start = start;
    }

    public SecretKey Requester { get; } = SecretKey.Generate();

    public IGrainFactory Grains => _cluster.Client;

    /// <summary>The silo's services (validator keys, metrics).</summary>
    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    /// <summary>The silo's Orleans address, as its validators register from it.</summary>
    public SiloAddress SiloAddress => _cluster.Silos[0].SiloAddress;

    public static async Task<ComputeCluster> StartAsync(
        int validators = 3, IReadOnlyDictionary<string, ValidatorConduct>? conduct = null,
        Action<ComputeOptions>? configure = null, ParaloomStore? store = null, string? keyDirectory = null, bool guarded = false)
    {
        async Task<InProcessTestCluster> Start()
        {
            var builder = new InProcessTestClusterBuilder(1);
            if (store is not null)
            {
                builder.Options.ServiceId = ServiceId;
            }
            builder.ConfigureSiloHost((_, host) =>
            {
                foreach (var (id, kind) in conduct ?? new Dictionary<string, ValidatorConduct>())
                {
                    host.Services.AddByzantineValidator(id, kind);
                }
            });
            builder.ConfigureSilo((_, silo) =>
            {
                if (store is null)
                {
                    // As the silo does: state goes through the stores' serializer, so a reactivated job reads it back.
                    silo.UseSystemTextJsonGrainStorageSerializer().AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                }
                else
                {
                    silo.UseParaloomStore(store);
                }
                if (guarded)
                {
                    // As a production silo runs: only a step's owner may call it.
                    silo.AddParaloomCallGuard(new GatewayClientLimits());
                }
                silo.AddParaloomCompute(options =>
                {
                    options.LocalValidators.Count = validators;
                    options.LocalValidators.KeyDirectory = keyDirectory;
                    options.DeadlineCheckPeriod = TimeSpan.FromMilliseconds(100);
                    options.AttemptGrace = TimeSpan.FromMilliseconds(1500);
                    options.Selection = new SelectionOptions { TieBand = 0 };
                    TestNetwork.OpenNetwork(options);
                    configure?.Invoke(options);
                    TestNetwork.Admit(options);
                });
            });
            var cluster = builder.Build();
            try
            {
                await cluster.DeployAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
            return cluster;
        }
        // A statement may not outlive the retention: a cluster that retains jobs briefly gets statements that expire sooner.
        var retention = new ComputeOptions();
        configure?.Invoke(retention);
        return new ComputeCluster(await Start(), Start) { StatementValidity = retention.Retention < JobSubmission.DefaultValidity ? retention.Retention * 0.75 : JobSubmission.DefaultValidity };
    }

    /// <summary>How long the statements the helpers sign stay submittable.</summary>
    public TimeSpan StatementValidity { get; private init; } = JobSubmission.DefaultValidity;

    /// <summary>Ends the silo without deactivating anything: in-memory state and work in flight are lost.</summary>
    public async Task KillAsync()
    {
        foreach (var silo in _cluster.Silos.ToList())
        {
            await _cluster.KillSiloAsync(silo);
        }
        await _cluster.DisposeAsync();
    }

    /// <summary>A new silo on the same store and keys.</summary>
    public async Task StartAgainAsync() => _cluster = await _start();

    public IComputeJobGrain Job(string jobId) => Grains.GetGrain<IComputeJobGrain>(jobId);

    /// <summary>
    /// The id of the validator in key slot <paramref name="slotOrId"/> (<c>validator-1</c> …, the names tests give
    /// behaviours by, since ids come from keys), or the argument itself when it is already an id.
    /// </summary>
    public string IdOf(string slotOrId)
    {
        var keyRing = Services.GetRequiredService<IValidatorKeyRing>();
        return keyRing.ValidatorIds.Contains(slotOrId) ? slotOrId : keyRing.ValidatorIdOf(slotOrId);
    }

    public IValidatorGrain Validator(string slotOrId) => Grains.GetGrain<IValidatorGrain>(IdOf(slotOrId));

    public IValidatorRegistryGrain Registry => Grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    /// <summary>A job that keeps every member busy for its whole 3 s wall clock: more fuel than 3 s of spinning burns.</summary>
    public Task<JobStatus> SubmitHogAsync(string jobId) => SubmitPublicAsync(jobId, WasmModules.Spin(int.MaxValue), [], new ResourceLimits
    {
        Fuel = 10_000_000_000,
        WallClock = TimeSpan.FromSeconds(3),
    });

    public Task<JobStatus> SubmitPublicAsync(string jobId, byte[] module, byte[] input, ResourceLimits? limits = null) =>
        Job(jobId).SubmitAsync(JobSubmission.Public(jobId, module, input, Requester, limits, validity: StatementValidity));

    public Task<JobStatus> SubmitPrivateAsync(string jobId, byte[] module, byte[] input, ResourceLimits? limits = null) =>
        Job(jobId).SubmitAsync(JobSubmission.Confidential(
            jobId, module, Requester, PrivateJobInput.Seal(jobId, module, input, Requester), limits, validity: StatementValidity));

    /// <summary>Polls until the job is final, handing out keys whenever they are awaited, as the client SDK does.</summary>
    public async Task<JobStatus> WaitFinalAsync(string jobId) =>
        await Eventually.ReachesAsync(
            async () =>
            {
                var status = await Job(jobId).GetStatusAsync();
                if (status.AwaitingKeys)
                {
                    try
                    {
                        status = await HandOutAsync(status);
                    }
                    catch (KeyDeliveryException)
                    {
                        // The job left that attempt meanwhile; the next poll sees where it is.
                    }
                }
                return status;
            },
            status => status.IsFinal, $"job {jobId} reaches a final state", TimeSpan.FromSeconds(60));

    /// <summary>The requester's signed hand-out of the job key to the job's current cohort.</summary>
    public Task<JobStatus> HandOutAsync(JobStatus status)
    {
        var handOut = status.Privacy!.HandOut(Requester, status.Attempt, status.Cohort);
        return Job(status.JobId).DeliverKeysAsync(handOut.Attempt, handOut.WrappedKeys, handOut.Signature);
    }

    /// <summary>Fetches the result the way a requester does: a fresh challenge, signed.</summary>
    public async Task<JobResult> FetchResultAsync(string jobId)
    {
        var challenge = await Job(jobId).CreateResultChallengeAsync();
        return await Job(jobId).GetResultAsync(challenge, ResultAuthorization.Sign(Requester, jobId, challenge.Nonce.Span));
    }

    public async Task<int> ReputationOfAsync(string slotOrId) => (await Validator(slotOrId).GetInfoAsync()).Reputation;

    /// <summary>Lowers a validator's reputation by one dissent, so selection (tie band 0) ranks it last.</summary>
    public Task DemoteAsync(string slotOrId) =>
        Validator(slotOrId).ApplyReputationAsync(new ReputationOutcome("demotion", 1, MemberConduct.Dissented));

    public SecretKey ValidatorKey(string slotOrId) =>
        Services.GetRequiredService<IValidatorKeyRing>().TryGetKey(IdOf(slotOrId), out var key)
            ? key
            : throw new InvalidOperationException($"No key for {slotOrId}.");

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Requester.Dispose();
    }
}
