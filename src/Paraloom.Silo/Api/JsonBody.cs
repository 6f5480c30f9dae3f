using System.Text.Json;

namespace Paraloom.Silo.Api;

/// <summary>
/// Reads a JSON request body with a hard size bound (Kestrel enforces one too, but not every server does)
/// and turns every way it can be wrong into a 400 with a message that says what is wrong. A body that does
/// not say it is JSON is refused (415) before it is read.
/// </summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                "The request body must be JSON, sent with Content-Type: application/json.");
        }
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options)
                ?? throw ApiProblemException.BadRequest("The request body is JSON null; an object is required.");
        }
        catch (JsonException invalid)
        {
            throw ApiProblemException.BadRequest($"The request body is not valid for this endpoint: {invalid.Message}", invalid);
        }
    }

    private static ApiProblemException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "request-too-large", $"The request body is larger than the silo's limit of {maxBytes} bytes.");
}
