namespace Paraloom.Actors.Runtime;

/// <summary>A grain interface and the class registered for it with <c>AddGrain</c>.</summary>
internal sealed record GrainRegistration(GrainInterfaceInfo Interface);

/// <summary>All registered grain interfaces and classes, checked for conflicts.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainInterfaceInfo> _interfaces = [];
    private readonly Dictionary<string, GrainClassInfo> _classesByGrainType = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            var info = registration.Interface;
            if (_interfaces.TryGetValue(info.InterfaceType, out var existing))
            {
                if (existing.GrainClass.ClassType != info.GrainClass.ClassType)
                {
                    throw new InvalidOperationException(
                        $"Grain interface {info.InterfaceType.Name} is registered for both {existing.GrainClass.ClassType.Name} " +
                        $"and {info.GrainClass.ClassType.Name}; register one class per interface.");
                }

                continue;
            }

            var grainClass = info.GrainClass;
            if (_classesByGrainType.TryGetValue(grainClass.GrainType, out var sameName) && sameName.ClassType != grainClass.ClassType)
            {
                throw new InvalidOperationException(
                    $"Grain classes {sameName.ClassType.FullName} and {grainClass.ClassType.FullName} share the grain type " +
                    $"'{grainClass.GrainType}'; name one of them with [GrainType].");
            }

            _interfaces.Add(info.InterfaceType, info);
            _classesByGrainType[grainClass.GrainType] = sameName ?? grainClass;
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _classesByGrainType.Values;

    public GrainInterfaceInfo GetInterface(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var info)
            ? info
            : throw new ArgumentException(
                $"No grain class is registered for {interfaceType.Name}; register one with AddGrain<{interfaceType.Name}, TGrain>().");

    public GrainClassInfo? FindClass(string grainType) => _classesByGrainType.GetValueOrDefault(grainType);
}
