namespace Paraloom.Compute.Execution.Scripts;

/// <summary>The host object behind a numbered externref of the spec scripts (ref.extern N).</summary>
public sealed record HostReference(ulong Id);
