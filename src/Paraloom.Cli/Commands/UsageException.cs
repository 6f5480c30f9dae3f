namespace Paraloom.Cli.Commands;

/// <summary>
/// What was typed cannot work (an option's value, a file that is not what the option needs): reported in one
/// line naming the option, with exit code 2, unlike a failure of the silo or the job (exit code 1).
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
