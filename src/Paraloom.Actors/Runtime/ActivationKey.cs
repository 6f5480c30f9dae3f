namespace Paraloom.Actors.Runtime;

/// <summary>Identifies one activation: the grain, and the worker slot (0 unless the grain is a stateless worker).</summary>
internal readonly record struct ActivationKey(GrainId GrainId, int Slot);
