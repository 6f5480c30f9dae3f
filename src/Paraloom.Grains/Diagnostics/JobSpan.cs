using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Paraloom.Grains;

/// <summary>
/// A span of one job's work and, for as long, the job id as a logging scope, so every log line written meanwhile
/// carries it. Tags are the job id, attempt and validator id: public identifiers, never job content.
/// </summary>
internal readonly struct JobSpan : IDisposable
{
    private readonly Activity? _activity;
    private readonly IDisposable? _scope;

    private JobSpan(Activity? activity, IDisposable? scope)
    {
        _activity = activity;
        _scope = scope;
    }

    public static JobSpan Start(ActivitySource source, string name, ILogger logger, string jobId, int? attempt = null, string? validatorId = null)
    {
        var activity = source.StartActivity(name);
        activity?.SetTag("paraloom.job.id", jobId);
        if (attempt is { } number)
        {
            activity?.SetTag("paraloom.job.attempt", number);
        }
        if (validatorId is not null)
        {
            activity?.SetTag("paraloom.validator.id", validatorId);
        }
        return new JobSpan(activity, logger.BeginScope(new KeyValuePair<string, object?>[] { new("JobId", jobId) }));
    }

    public void Dispose()
    {
        _scope?.Dispose();
        _activity?.Dispose();
    }
}
