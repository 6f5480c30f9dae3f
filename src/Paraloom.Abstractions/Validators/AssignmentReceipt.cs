using Orleans;
namespace Paraloom.Grains;

/// <summary>What a validator did with an assignment when it received it.</summary>
[GenerateSerializer, Alias("paraloom.assignment-receipt")]
public enum AssignmentReceipt
{
    /// <summary>Started (or already running or done): a vote will follow.</summary>
    Accepted,

    /// <summary>The execution scheduler is full: no vote will follow.</summary>
    Busy,
}
