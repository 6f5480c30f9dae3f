namespace Paraloom.Compute;

/// <summary>A job receipt that does not prove its result: the message says what is wrong.</summary>
public sealed class InvalidReceiptException(string message) : Exception(message);
