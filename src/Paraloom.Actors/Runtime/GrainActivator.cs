using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Paraloom.Actors.Runtime;

/// <summary>Constructs grain instances: services from dependency injection, persistent states from storage providers.</summary>
internal static class GrainActivator
{
    public static (Grain Grain, IReadOnlyList<ILoadableState> States) Create(GrainActivation activation)
    {
        var grainClass = activation.GrainClass;
        var arguments = new object?[grainClass.Parameters.Count];
        var states = new List<ILoadableState>();
        for (var index = 0; index < arguments.Length; index++)
        {
            var parameter = grainClass.Parameters[index];
            if (parameter.State is { } attribute)
            {
                var storage = activation.Services.GetKeyedService<IGrainStorage>(attribute.StorageName)
                    ?? throw MissingStorage(grainClass, attribute.StorageName);
                var state = (ILoadableState)Activator.CreateInstance(
                    typeof(PersistentState<>).MakeGenericType(parameter.StateType!), attribute.StateName, activation.GrainId, storage)!;
                states.Add(state);
                arguments[index] = state;
            }
            else
            {
                arguments[index] = ResolveService(activation.Services, grainClass, parameter.Parameter);
            }
        }

        var previous = GrainActivation.SwapBeingConstructed(activation);
        try
        {
            var grain = (Grain)grainClass.Constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            return (grain, states);
        }
        finally
        {
            GrainActivation.SwapBeingConstructed(previous);
        }
    }

    public static InvalidOperationException MissingStorage(GrainClassInfo grainClass, string storageName) =>
        new($"Grain class {grainClass.ClassType.Name} uses grain storage '{storageName}', which is not registered: " +
            "add it with AddMemoryGrainStorage or AddFileGrainStorage on the silo builder.");

    private static object? ResolveService(IServiceProvider services, GrainClassInfo grainClass, ParameterInfo parameter)
    {
        var service = services.GetService(parameter.ParameterType);
        if (service is not null)
        {
            return service;
        }

        return parameter.HasDefaultValue
            ? parameter.DefaultValue
            : throw new InvalidOperationException(
                $"Grain class {grainClass.ClassType.Name} needs a {parameter.ParameterType.Name} for parameter '{parameter.Name}', " +
                "and no such service is registered.");
    }
}
