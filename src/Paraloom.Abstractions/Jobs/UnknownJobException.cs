using Orleans;
namespace Paraloom.Grains;

/// <summary>No job was submitted under this id.</summary>
[GenerateSerializer, Alias("paraloom.unknown-job-exception")]
public sealed class UnknownJobException(string jobId) : Exception($"No job '{jobId}' was submitted.")
{
    [Id(0)]
    public string JobId { get; } = jobId;
}
