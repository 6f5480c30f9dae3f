using Microsoft.Extensions.DependencyInjection;
using Paraloom.Actors;
using Paraloom.Actors.Testing;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// The compute grains on the actors' in-process test cluster, with fast deadlines. With a directory, state,
/// reminders and validator keys are durable files, so the cluster can be killed and restarted.
/// </summary>
internal sealed class ComputeCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private ComputeCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public SecretKey Requester { get; } = SecretKey.Generate();

    public IGrainFactory Grains => _cluster.GrainFactory;

    public IServiceProvider Services => _cluster.ServiceProvider;

    public static async Task<ComputeCluster> StartAsync(
        int validators = 3, IReadOnlyDictionary<string, ValidatorConduct>? conduct = null,
        Action<ComputeOptions>? configure = null, string? directory = null)
    {
        var cluster = new InProcessTestCluster(
            silo =>
            {
                if (directory is null)
                {
                    silo.AddMemoryGrainStorage(PersistentStateAttribute.DefaultStorageName).UseInMemoryReminderService();
                }
                else
                {
                    silo.AddFileGrainStorage(PersistentStateAttribute.DefaultStorageName, Path.Combine(directory, "state"))
                        .UseFileReminderService(Path.Combine(directory, "reminders"));
                }
            },
            services =>
            {
                foreach (var (id, kind) in conduct ?? new Dictionary<string, ValidatorConduct>())
                {
                    services.AddKeyedSingleton<IValidatorBehavior>(id, new ValidatorBehavior(kind));
                }
                services.AddParaloomCompute(options =>
                {
                    options.LocalValidators.Count = validators;
                    options.LocalValidators.KeyDirectory = directory is null ? null : Path.Combine(directory, "keys");
                    options.DeadlineCheckPeriod = TimeSpan.FromMilliseconds(100);
                    options.AttemptGrace = TimeSpan.FromMilliseconds(1500);
                    options.Selection = new SelectionOptions { TieBand = 0 };
                    configure?.Invoke(options);
                });
            });
        await cluster.StartAsync();
        return new ComputeCluster(cluster);
    }

    public Task KillAsync() => _cluster.KillAsync();

    public Task StartAgainAsync() => _cluster.StartAsync();

    public IComputeJobGrain Job(string jobId) => Grains.GetGrain<IComputeJobGrain>(jobId);

    public IValidatorGrain Validator(string id) => Grains.GetGrain<IValidatorGrain>(id);

    public IValidatorRegistryGrain Registry => Grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    public Task<JobStatus> SubmitPublicAsync(string jobId, byte[] module, byte[] input, ResourceLimits? limits = null) =>
        Job(jobId).SubmitAsync(JobSubmission.Public(module, input, Requester.PublicKey, limits));

    public Task<JobStatus> SubmitPrivateAsync(string jobId, byte[] module, byte[] input, ResourceLimits? limits = null) =>
        Job(jobId).SubmitAsync(JobSubmission.Confidential(
            module, Requester.PublicKey, PrivateJobInput.Seal(jobId, module, input, Requester), limits));

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
                        status = await Job(jobId).DeliverKeysAsync(status.Attempt, status.Privacy!.WrapKeyFor(Requester, status.Cohort));
                    }
                    catch (KeyDeliveryException)
                    {
                        // The job left that attempt meanwhile; the next poll sees where it is.
                    }
                }
                return status;
            },
            status => status.IsFinal, $"job {jobId} reaches a final state", TimeSpan.FromSeconds(60));

    /// <summary>Fetches the result the way a requester does: a fresh challenge, signed.</summary>
    public async Task<JobResult> FetchResultAsync(string jobId)
    {
        var challenge = await Job(jobId).CreateResultChallengeAsync();
        return await Job(jobId).GetResultAsync(challenge, ResultAuthorization.Sign(Requester, jobId, challenge.Nonce.Span));
    }

    public async Task<int> ReputationOfAsync(string validatorId) => (await Validator(validatorId).GetInfoAsync()).Reputation;

    /// <summary>Lowers a validator's reputation by one dissent, so selection (tie band 0) ranks it last.</summary>
    public Task DemoteAsync(string validatorId) =>
        Validator(validatorId).ApplyReputationAsync(new ReputationOutcome("demotion", 1, MemberConduct.Dissented));

    public SecretKey ValidatorKey(string validatorId) =>
        Services.GetRequiredService<IValidatorKeyRing>().TryGetKey(validatorId, out var key)
            ? key
            : throw new InvalidOperationException($"No key for {validatorId}.");

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Requester.Dispose();
    }
}
