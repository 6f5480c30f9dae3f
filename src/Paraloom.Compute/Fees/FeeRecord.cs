namespace Paraloom.Compute.Fees;

/// <summary>The fee charged for one finalised job: fuel used × price per fuel unit, exactly.</summary>
public sealed record FeeRecord(JobId JobId, long FuelUsed, ulong PricePerFuelUnit, UInt128 Amount);
