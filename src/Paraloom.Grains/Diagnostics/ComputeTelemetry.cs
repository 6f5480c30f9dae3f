using System.Diagnostics;

namespace Paraloom.Grains;

/// <summary>
/// The names a host subscribes to for the compute service's telemetry: its meter and one activity source per
/// layer below the HTTP request (job grain, quorum, validator execution). With Orleans' activity propagation
/// the spans of one job form one trace, across silos.
/// </summary>
public static class ComputeTelemetry
{
    public const string MeterName = "Paraloom.Compute";

    /// <summary>The job grain: submission, key hand-out, each attempt's decision.</summary>
    internal static readonly ActivitySource Jobs = new("Paraloom.Compute.Jobs");

    /// <summary>The result quorum: each vote it receives.</summary>
    internal static readonly ActivitySource Quorum = new("Paraloom.Compute.Quorum");

    /// <summary>A validator running an assignment: execution, signing, voting.</summary>
    internal static readonly ActivitySource Validators = new("Paraloom.Compute.Validators");

    public static IReadOnlyList<string> ActivitySourceNames { get; } = [Jobs.Name, Quorum.Name, Validators.Name];
}
