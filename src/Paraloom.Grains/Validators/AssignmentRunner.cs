using Orleans;

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Paraloom.Compute.Execution;
using Paraloom.Compute.PrivateJobs;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Runs validators' assignments off the grain turns, each only once its job statement is the requester's signature over
/// exactly the job handed over: a public job on the executor, a private one through
/// compute's <see cref="PrivateJobRunner"/> (proof first, unwrap, open and check the input against its
/// commitment, execute, seal deterministically), then signs the votes. A refused assignment runs nothing and
/// leaves a refusal instead of a vote, and one that hits the wall-clock limit a signed report of it. The validator sends what an execution leaves (<see cref="SendAsync"/>) from
/// its own activation, so the quorum sees the call come from the validator that signed it.
/// </summary>
internal sealed partial class AssignmentRunner(
    ExecutionScheduler scheduler,
    ComputeExecutor executor,
    PrivateJobRunner privateJobs,
    ValidatorLoad load,
    ComputeMetrics metrics,
    IGrainFactory grains,
    ILogger<AssignmentRunner> logger)
{
    /// <summary>The execution profile of this silo's sandbox: what validators advertise and sign.</summary>
    public string Profile => executor.Profile.ToString();

    /// <summary>Starts <paramref name="assignment"/> off the grain's turn; null when the execution scheduler is full.</summary>
    public Task<AssignmentOutcome>? TryStart(string validatorId, SecretKey key, IVoteSigner signer, Assignment assignment)
    {
        if (scheduler.InFlight >= scheduler.Capacity)
        {
            return null;
        }
        ReportLoad(validatorId, load.Started(validatorId));
        // Task.Run leaves the grain's scheduler: nothing of the execution may run as part of a turn.
        return Task.Run(() => RunAsync(validatorId, key, signer, assignment));
    }

    /// <summary>
    /// Frees the validator's execution slot, then sends the votes or the refusal to the attempt's quorum. Called on the
    /// validator's activation, once the execution has ended.
    /// </summary>
    public async Task SendAsync(string validatorId, Assignment assignment, AssignmentOutcome outcome)
    {
        // The CPU is free again before the vote leaves, so the next selection sees this validator as idle.
        ReportLoad(validatorId, load.Finished(validatorId));
        var quorum = grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(assignment.JobId, assignment.Attempt));
        try
        {
            if (outcome.Refusal is { } refusal)
            {
                await quorum.RecordRefusalAsync(refusal);
            }
            if (outcome.WallClock is { } report)
            {
                await quorum.RecordWallClockAsync(report);
            }
            foreach (var vote in outcome.Votes)
            {
                var acceptance = await quorum.SubmitVoteAsync(vote);
                LogVoted(logger, validatorId, assignment.JobId, assignment.Attempt, acceptance);
                metrics.VoteDelivered(acceptance);
            }
        }
        catch (ObjectDisposedException)
        {
            LogAbandoned(logger, validatorId, assignment.JobId, assignment.Attempt);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, validatorId, assignment.JobId, assignment.Attempt);
        }
    }

    private async Task<AssignmentOutcome> RunAsync(string validatorId, SecretKey key, IVoteSigner signer, Assignment assignment)
    {
        using var span = JobSpan.Start(ComputeTelemetry.Validators, "validator execute", logger, assignment.JobId, assignment.Attempt, validatorId);
        try
        {
            if (StatementRefusal(assignment) is { } reason)
            {
                throw new PrivateJobRefusedException(reason);
            }
            var started = Stopwatch.GetTimestamp();
            var result = await ExecuteAsync(key, assignment);
            metrics.Executed(result, Stopwatch.GetElapsedTime(started), assignment.Job.IsPrivate);
            if (!result.IsVotable)
            {
                LogTimedOut(logger, validatorId, assignment.JobId, assignment.Attempt);
                return new AssignmentOutcome([], null, WallClockReport.Sign(key, VoteSubject.Of(assignment), validatorId, Profile));
            }
            return new AssignmentOutcome(await scheduler.RunAsync(() => signer.Sign(validatorId, key, assignment, result, Profile)), null);
        }
        catch (ObjectDisposedException)
        {
            // The silo is stopping: its scheduler and engine are gone under the execution. The attempt goes on without this
            // member (its deadline or a later attempt covers it); nothing failed.
            LogAbandoned(logger, validatorId, assignment.JobId, assignment.Attempt);
            return AssignmentOutcome.Nothing;
        }
        catch (PrivateJobRefusedException refused)
        {
            metrics.AssignmentRefused(validatorId);
            LogRefused(logger, validatorId, assignment.JobId, assignment.Attempt, refused.Message);
            return new AssignmentOutcome([], new AssignmentRefusal(assignment.JobId, assignment.Attempt, validatorId, refused.Message));
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, validatorId, assignment.JobId, assignment.Attempt);
            return AssignmentOutcome.Nothing;
        }
    }

    /// <summary>
    /// Why the member must not run the assignment as handed to it: its statement is not the requester's signature, or
    /// describes another job than the one handed over (whoever dispatched it changed the module, input, limits or K).
    /// </summary>
    private static string? StatementRefusal(Assignment assignment)
    {
        if (!assignment.Statement.IsSignedByRequester)
        {
            return "The job statement is not signed by its requester.";
        }
        return assignment.Statement.Statement.MismatchWith(assignment.Job) is { } field
            ? $"The assignment's {field} is not the one its requester signed."
            : null;
    }

    private Task<ExecutionResult> ExecuteAsync(SecretKey key, Assignment assignment)
    {
        var job = assignment.Job;
        return job.IsPrivate
            ? privateJobs.RunAsync(job, assignment.Attempt, assignment.WrappedKey!, key)
            : executor.ExecuteAsync(new ExecutionRequest(job.Module, job.Input, job.Limits));
    }

    private void ReportLoad(string validatorId, LoadReport load) =>
        grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).ReportLoadAsync(validatorId, load);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Validator {ValidatorId} voted on {JobId}/{Attempt}: {Acceptance}")]
    private static partial void LogVoted(ILogger logger, string validatorId, string jobId, int attempt, VoteAcceptance acceptance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} hit the wall-clock limit on {JobId}/{Attempt}: no vote, reported to the quorum")]
    private static partial void LogTimedOut(ILogger logger, string validatorId, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} refused {JobId}/{Attempt}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string validatorId, string jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {ValidatorId} left {JobId}/{Attempt} unfinished: the silo is stopping")]
    private static partial void LogAbandoned(ILogger logger, string validatorId, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validator {ValidatorId} failed on {JobId}/{Attempt}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string validatorId, string jobId, int attempt);
}
