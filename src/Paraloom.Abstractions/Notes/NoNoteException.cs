using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// The job has no note in the tree to prove: it is public, its result has no private output (a trap), or it was finalised
/// before notes were kept in the tree.
/// </summary>
[GenerateSerializer, Alias("paraloom.no-note-exception")]
public sealed class NoNoteException(string message) : Exception(message);
