using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>One grain constructor parameter: either a service from dependency injection or a persistent state.</summary>
internal sealed class GrainConstructorParameter
{
    private GrainConstructorParameter(ParameterInfo parameter, PersistentStateAttribute? state, Type? stateType)
    {
        Parameter = parameter;
        State = state;
        StateType = stateType;
    }

    public ParameterInfo Parameter { get; }

    /// <summary>Set when the parameter is an <see cref="IPersistentState{TState}"/>.</summary>
    public PersistentStateAttribute? State { get; }

    /// <summary>The TState of a persistent state parameter.</summary>
    public Type? StateType { get; }

    public static GrainConstructorParameter Create(Type classType, ParameterInfo parameter)
    {
        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (attribute is null)
        {
            return new GrainConstructorParameter(parameter, null, null);
        }

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {classType.Name} has [PersistentState] but is not an IPersistentState<TState>.");
        }

        var stateType = type.GetGenericArguments()[0];
        if (!stateType.IsValueType && stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"State type {stateType.Name} of {classType.Name}.{parameter.Name} needs a public parameterless constructor: " +
                "it is the value of a state never written.");
        }

        return new GrainConstructorParameter(parameter, attribute, stateType);
    }
}
