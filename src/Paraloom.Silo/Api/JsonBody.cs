using System.Text.Json;

namespace Paraloom.Silo.Api;

/// <summary>
/// Reads a JSON request body with a hard size bound (Kestrel enforces one too, but not every server does)
/// and turns every way it can be wrong into a 400 with a message that says what is wrong. A body that does
/// not say it is JSON is refused (415), and one whose Content-Length is above the bound (413), before it is read.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = ApiJson.Options.AllowTrailingCommas,
        CommentHandling = ApiJson.Options.ReadCommentHandling,
        MaxDepth = ApiJson.Options.MaxDepth,
    };

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
        using var body = new BodyChunks();
        try
        {
            if (!await body.ReadAsync(request.Body, maxBytes, cancellationToken))
            {
                throw TooLarge(maxBytes);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        try
        {
            var reader = new Utf8JsonReader(body.AsSequence(), ReaderOptions);
            var value = JsonSerializer.Deserialize<T>(ref reader, ApiJson.Options)
                ?? throw ApiProblemException.BadRequest("The request body is JSON null; an object is required.");
            // One value is the whole body: reading past it throws on anything but whitespace.
            reader.Read();
            return value;
        }
        catch (JsonException invalid)
        {
            throw ApiProblemException.BadRequest($"The request body is not valid for this endpoint: {invalid.Message}", invalid);
        }
    }

    private static ApiProblemException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "request-too-large", $"The request body is larger than the silo's limit of {maxBytes} bytes.");
}
