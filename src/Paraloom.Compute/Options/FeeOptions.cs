namespace Paraloom.Compute;

/// <summary>The price of compute.</summary>
public sealed record FeeOptions
{
    public static FeeOptions Default { get; } = new();

    /// <summary>The price of one unit of fuel, in the smallest currency unit (default 1).</summary>
    public ulong PricePerFuelUnit { get; init; } = 1;
}
