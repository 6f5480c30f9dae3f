using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Paraloom.Actors;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Runs validators' assignments off the grain turns: opens a private input (after checking its ownership
/// proof), executes on the <see cref="ExecutionScheduler"/>, seals the output, signs the vote and sends it to
/// the quorum. Plaintext lives only in this flow's memory and is zeroed when it ends.
/// </summary>
internal sealed partial class AssignmentRunner(
    ExecutionScheduler scheduler,
    ComputeExecutor executor,
    ExecutionSchedulerOptions schedulerOptions,
    ValidatorLoad load,
    IGrainFactory grains,
    ComputeMetrics metrics,
    ILogger<AssignmentRunner> logger)
{
    private readonly int _schedulerCapacity = schedulerOptions.ConcurrentExecutions + schedulerOptions.QueueCapacity;

    public AssignmentReceipt Start(string validatorId, SecretKey key, ValidatorConduct conduct, Assignment assignment)
    {
        if (scheduler.InFlight >= _schedulerCapacity)
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
        OpenedInput? opened = null;
        var finished = false;
        try
        {
            opened = assignment.Private is null
                ? new OpenedInput(assignment.PublicInput.ToArray(), null)
                : await scheduler.RunAsync(() => Open(key, assignment.Private));
            var started = Stopwatch.GetTimestamp();
            var result = await executor.ExecuteAsync(new ExecutionRequest(assignment.Module, opened.Input, assignment.Limits));
            metrics.Executed(result, Stopwatch.GetElapsedTime(started));
            // The CPU is free again before the vote leaves, so the next selection sees this validator as idle.
            finished = true;
            ReportLoad(validatorId, load.Finished(validatorId));
            if (!result.IsVotable)
            {
                LogTimedOut(logger, validatorId, assignment.JobId, assignment.Attempt);
                return;
            }
            var votes = await scheduler.RunAsync(() => VoteBuilder.Build(validatorId, key, conduct, assignment, result, opened.JobKey));
            Zero(result.Output);
            var quorum = grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(assignment.JobId, assignment.Attempt));
            foreach (var vote in votes)
            {
                var acceptance = await quorum.SubmitVoteAsync(vote);
                LogVoted(logger, validatorId, assignment.JobId, assignment.Attempt, acceptance);
                metrics.VoteDelivered(acceptance);
            }
        }
        catch (AssignmentRefusedException refused)
        {
            LogRefused(logger, validatorId, assignment.JobId, assignment.Attempt, refused.Message);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, validatorId, assignment.JobId, assignment.Attempt);
        }
        finally
        {
            opened?.Dispose();
            if (!finished)
            {
                ReportLoad(validatorId, load.Finished(validatorId));
            }
        }
    }

    /// <summary>Checks the ownership proof before anything else, then unwraps the job key and opens the input.</summary>
    private static OpenedInput Open(SecretKey key, PrivateAssignment assignment)
    {
        var context = assignment.Context;
        if (!assignment.OwnershipProof.Verify(context.OwnershipContext))
        {
            throw new AssignmentRefusedException("the ownership proof does not verify for this job");
        }
        JobKey jobKey;
        try
        {
            jobKey = KeyWrap.Unwrap(assignment.WrappedKey, key, context.Binding);
        }
        catch (AuthenticationFailedException)
        {
            throw new AssignmentRefusedException("the wrapped job key does not open with this validator's key");
        }
        try
        {
            return new OpenedInput(assignment.SealedInput.Open(jobKey, context.Binding), jobKey);
        }
        catch (AuthenticationFailedException)
        {
            jobKey.Dispose();
            throw new AssignmentRefusedException("the sealed input does not open with the job key");
        }
    }

    private void ReportLoad(string validatorId, int inFlight) =>
        grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).ReportLoadAsync(validatorId, inFlight);

    private static void Zero(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out var segment))
        {
            CryptographicOperations.ZeroMemory(segment.AsSpan());
        }
    }

    private sealed record OpenedInput(byte[] Input, JobKey? JobKey) : IDisposable
    {
        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(Input);
            JobKey?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Validator {ValidatorId} voted on {JobId}/{Attempt}: {Acceptance}")]
    private static partial void LogVoted(ILogger logger, string validatorId, string jobId, int attempt, VoteAcceptance acceptance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} hit the wall-clock limit on {JobId}/{Attempt}: no vote")]
    private static partial void LogTimedOut(ILogger logger, string validatorId, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} refused {JobId}/{Attempt}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string validatorId, string jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validator {ValidatorId} failed on {JobId}/{Attempt}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string validatorId, string jobId, int attempt);
}
