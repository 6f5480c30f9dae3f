namespace Paraloom.Grains;

/// <summary>A validator will not run a private assignment: its proof, key or input does not check out.</summary>
internal sealed class AssignmentRefusedException(string reason) : Exception(reason);
