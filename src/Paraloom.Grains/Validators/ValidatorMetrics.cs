using System.Diagnostics.Metrics;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains;

/// <summary>What this silo's validators did with their assignments, on the <see cref="MeterName"/> meter.</summary>
internal sealed class ValidatorMetrics
{
    public const string MeterName = "Paraloom.Grains";

    private readonly Counter<long> _executions;
    private readonly Counter<long> _refusals;

    public ValidatorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _executions = meter.CreateCounter<long>(
            "paraloom.validator.executions", "{execution}", "Assignments a local validator ran in the engine, by outcome.");
        _refusals = meter.CreateCounter<long>(
            "paraloom.validator.refusals", "{assignment}", "Assignments a local validator refused before running anything.");
    }

    public void Executed(string validatorId, ExecutionStatus status) =>
        _executions.Add(1, new("validator", validatorId), new("outcome", status.ToString()));

    public void Refused(string validatorId) => _refusals.Add(1, new KeyValuePair<string, object?>("validator", validatorId));
}
