using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// An Orleans gateway client is at one of its limits on the silo that serves the call, as an HTTP client is per
/// remote address: submissions in progress and waiting, or job watches open (its own, or the silo's in all). 429 with
/// <see cref="Error"/> on both transports. Nothing was run or stored. The message is fit to show the requester.
/// </summary>
[GenerateSerializer, Alias("paraloom.client-limit-exception")]
public sealed class ClientLimitException : Exception
{
    public ClientLimitException(string error, string message)
        : base(message) =>
        Error = error;

    public const string TooManySubmissions = "too-many-submissions";
    public const string TooManyWatches = "too-many-watches";

    /// <summary>Short, stable, kebab-case: one of the constants above.</summary>
    [Id(0)]
    public string Error { get; }
}
