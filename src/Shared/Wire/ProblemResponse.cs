namespace Paraloom.Wire;

/// <summary>RFC 7807 problem details as the silo writes them, with its short error code (read by the client).</summary>
internal sealed record ProblemResponse(string? Title, string? Detail, int? Status, string? Error);
