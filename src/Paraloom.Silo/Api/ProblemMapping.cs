using Paraloom.Grains;

namespace Paraloom.Silo.Api;

/// <summary>
/// Which HTTP status and error code each refusal gets: the API's own, and the grains' (<see cref="Refusal"/>, which
/// the SDK's Orleans transport shares). Only these reach the caller with their message.
/// </summary>
internal static class ProblemMapping
{
    public static ApiProblemException? ToProblem(Exception exception) => exception switch
    {
        ApiProblemException problem => problem,
        _ when Refusal.Of(exception) is { } refusal => new(refusal.Status, refusal.Error, refusal.Message),
        _ => null,
    };
}
