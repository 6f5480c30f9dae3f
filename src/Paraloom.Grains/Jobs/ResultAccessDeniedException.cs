namespace Paraloom.Grains;

/// <summary>A result request not authorised by the requester over a fresh challenge.</summary>
public sealed class ResultAccessDeniedException(string message) : Exception(message);
