namespace Paraloom.Cli.Commands;

/// <summary>A note inclusion proof file whose path does not lead from its note to its root.</summary>
internal sealed class InvalidNoteProofException(string message) : Exception(message);
