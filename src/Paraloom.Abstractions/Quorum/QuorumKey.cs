namespace Paraloom.Grains;

/// <summary>The key of an attempt's quorum grain: "job id/attempt" (job ids never contain '/').</summary>
public static class QuorumKey
{
    public static string For(string jobId, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        return $"{jobId}/{attempt}";
    }
}
