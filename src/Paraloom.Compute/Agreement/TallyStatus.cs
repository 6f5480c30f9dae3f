namespace Paraloom.Compute.Agreement;

public enum TallyStatus
{
    /// <summary>The outcome still depends on votes not yet received.</summary>
    Pending,

    /// <summary>One result reached the threshold.</summary>
    Accepted,

    /// <summary>No result can reach the threshold any more.</summary>
    Disagreement,
}
