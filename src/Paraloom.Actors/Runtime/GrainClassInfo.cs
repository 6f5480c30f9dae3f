using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>What the runtime knows about a grain class: its type name, concurrency and how to construct it.</summary>
internal sealed class GrainClassInfo
{
    private GrainClassInfo(Type classType, string grainType, ConstructorInfo constructor, IReadOnlyList<GrainConstructorParameter> parameters)
    {
        ClassType = classType;
        GrainType = grainType;
        Constructor = constructor;
        Parameters = parameters;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
    }

    public Type ClassType { get; }

    public string GrainType { get; }

    public bool IsReentrant { get; }

    public bool IsRemindable { get; }

    public ConstructorInfo Constructor { get; }

    public IReadOnlyList<GrainConstructorParameter> Parameters { get; }

    public static GrainClassInfo Create(Type classType)
    {
        if (classType.IsAbstract || !classType.IsClass || !typeof(Grain).IsAssignableFrom(classType) || classType.ContainsGenericParameters)
        {
            throw new ArgumentException($"{classType.Name} must be a concrete, non-generic class deriving from Grain.");
        }

        var constructors = classType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new ArgumentException($"Grain class {classType.Name} must have exactly one public constructor; it has {constructors.Length}.");
        }

        var parameters = constructors[0].GetParameters().Select(parameter => GrainConstructorParameter.Create(classType, parameter)).ToArray();
        return new GrainClassInfo(classType, GrainTypeOf(classType), constructors[0], parameters);
    }

    private static string GrainTypeOf(Type classType)
    {
        if (classType.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
        {
            return attribute.GrainType;
        }

        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
