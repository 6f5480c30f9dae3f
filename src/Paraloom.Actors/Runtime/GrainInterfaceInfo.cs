using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>A grain interface bound to the grain class that implements it, with its prepared methods.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    private GrainInterfaceInfo(Type interfaceType, GrainClassInfo grainClass, Dictionary<MethodInfo, GrainMethod> methods)
    {
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        _methods = methods;
    }

    public Type InterfaceType { get; }

    public GrainClassInfo GrainClass { get; }

    public static GrainInterfaceInfo Create(Type interfaceType, GrainClassInfo grainClass)
    {
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.Name} must be an interface extending IGrainWithStringKey.");
        }

        if (!interfaceType.IsAssignableFrom(grainClass.ClassType))
        {
            throw new ArgumentException($"{grainClass.ClassType.Name} does not implement {interfaceType.Name}.");
        }

        var methods = new[] { interfaceType }
            .Concat(interfaceType.GetInterfaces())
            .SelectMany(type => type.GetMethods())
            .ToDictionary(method => method, GrainMethod.Create);
        return new GrainInterfaceInfo(interfaceType, grainClass, methods);
    }

    public GrainMethod GetMethod(MethodInfo method) =>
        _methods.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : throw new InvalidOperationException($"{method.Name} is not a method of grain interface {InterfaceType.Name}.");
}
