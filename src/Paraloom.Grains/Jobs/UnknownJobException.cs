namespace Paraloom.Grains;

/// <summary>No job was submitted under this id.</summary>
public sealed class UnknownJobException(string jobId) : Exception($"No job '{jobId}' was submitted.")
{
    public string JobId { get; } = jobId;
}
