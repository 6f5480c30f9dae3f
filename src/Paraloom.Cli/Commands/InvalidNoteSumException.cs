namespace Paraloom.Cli.Commands;

/// <summary>A note sum that cannot be proven (a job without an amount note) or whose proof does not hold.</summary>
internal sealed class InvalidNoteSumException(string message) : Exception(message);
