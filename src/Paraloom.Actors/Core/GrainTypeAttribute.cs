namespace Paraloom.Actors;

/// <summary>
/// Names the grain type of a grain class. The name is part of every stored state and reminder of the grain,
/// so give it explicitly when the class may be renamed. Without it the name is the class name, lower-cased,
/// with a trailing "Grain" removed (as Orleans does).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute : Attribute
{
    public GrainTypeAttribute(string grainType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grainType);
        GrainType = grainType;
    }

    public string GrainType { get; }
}
