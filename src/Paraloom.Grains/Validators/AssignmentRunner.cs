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
/// commitment, execute, seal deterministically), then signs the vote and sends it to the quorum. A refused
/// assignment runs nothing and is reported to the quorum instead of a vote.
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

    public AssignmentReceipt Start(string validatorId, SecretKey key, ValidatorConduct conduct, Assignment assignment)
    {
        if (scheduler.InFlight >= scheduler.Capacity)
        {
            return AssignmentReceipt.Busy;
        }
        ReportLoad(validatorId, load.Started(validatorId));
        // Task.Run leaves the grain's scheduler: nothing of the execution may run as part of a turn.
        _ = Task.Run(() => RunAsync(validatorId, key, conduct, assignment));
        return AssignmentReceipt.Accepted;
    }

    private async Task RunAsync(string validatorId, SecretKey key, ValidatorConduct conduct, Assignment assignment)
    {
        using var span = JobSpan.Start(ComputeTelemetry.Validators, "validator execute", logger, assignment.JobId, assignment.Attempt, validatorId);
        var finished = false;
        var quorum = grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(assignment.JobId, assignment.Attempt));
        try
        {
            if (StatementRefusal(assignment) is { } reason)
            {
                throw new PrivateJobRefusedException(reason);
            }
            var started = Stopwatch.GetTimestamp();
            var result = await ExecuteAsync(key, assignment);
            metrics.Executed(result, Stopwatch.GetElapsedTime(started));
            // The CPU is free again before the vote leaves, so the next selection sees this validator as idle.
            finished = true;
            ReportLoad(validatorId, load.Finished(validatorId));
            if (!result.IsVotable)
            {
                LogTimedOut(logger, validatorId, assignment.JobId, assignment.Attempt);
                return;
            }
            var votes = await scheduler.RunAsync(() => VoteBuilder.Build(validatorId, key, conduct, assignment, result, Profile));
            foreach (var vote in votes)
            {
                var acceptance = await quorum.SubmitVoteAsync(vote);
                LogVoted(logger, validatorId, assignment.JobId, assignment.Attempt, acceptance);
                metrics.VoteDelivered(acceptance);
            }
        }
        catch (PrivateJobRefusedException refused)
        {
            metrics.AssignmentRefused(validatorId);
            LogRefused(logger, validatorId, assignment.JobId, assignment.Attempt, refused.Message);
            await quorum.RecordRefusalAsync(new AssignmentRefusal(assignment.JobId, assignment.Attempt, validatorId, refused.Message));
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, validatorId, assignment.JobId, assignment.Attempt);
        }
        finally
        {
            if (!finished)
            {
                ReportLoad(validatorId, load.Finished(validatorId));
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} hit the wall-clock limit on {JobId}/{Attempt}: no vote")]
    private static partial void LogTimedOut(ILogger logger, string validatorId, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} refused {JobId}/{Attempt}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string validatorId, string jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validator {ValidatorId} failed on {JobId}/{Attempt}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string validatorId, string jobId, int attempt);
}
