namespace Paraloom.Silo.Api;

/// <summary>What the OpenAPI document lists for a job's signed JSON request (hand-out, result, note proof, cancel).</summary>
internal static class SignedRequestProblems
{
    /// <summary>
    /// 400 malformed, 403 not the requester's signature, 404 no such job, 409 not in a state for it, 413 body too large,
    /// 415 not JSON.
    /// </summary>
    public static RouteHandlerBuilder ProducesSignedRequestProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
