using System.Linq.Expressions;
using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>
/// One grain interface method, prepared once: a compiled invoker that calls it on a grain instance and
/// normalises its result to <see cref="Task{Object}"/>, and an adapter that turns that back into the
/// method's declared return type for the caller.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly MethodInfo FromTaskMethod = Helper(nameof(FromTask));
    private static readonly MethodInfo FromTaskOfTMethod = Helper(nameof(FromTaskOfT));
    private static readonly MethodInfo FromValueTaskMethod = Helper(nameof(FromValueTask));
    private static readonly MethodInfo FromValueTaskOfTMethod = Helper(nameof(FromValueTaskOfT));
    private static readonly MethodInfo ToTaskOfTMethod = Helper(nameof(ToTaskOfT));
    private static readonly MethodInfo ToValueTaskOfTMethod = Helper(nameof(ToValueTaskOfT));

    private readonly Func<object, object?[], Task<object?>> _invoke;
    private readonly Func<Task<object?>, object> _adaptResult;

    private GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        IsOneWay = method.IsDefined(typeof(OneWayAttribute), inherit: true);
        (_invoke, _adaptResult) = Compile(method);
    }

    public MethodInfo Method { get; }

    /// <summary>"Interface.Method", for logs and metrics.</summary>
    public string Name { get; }

    public bool IsAlwaysInterleave { get; }

    public bool IsOneWay { get; }

    /// <summary>Validates that <paramref name="method"/> can be a grain method and prepares it.</summary>
    public static GrainMethod Create(MethodInfo method)
    {
        var where = $"{method.DeclaringType!.Name}.{method.Name}";
        if (method.IsSpecialName)
        {
            throw new ArgumentException($"Grain interfaces may declare only methods; {where} is a property or event accessor.");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"Grain method {where} is generic; generic grain methods are not supported.");
        }

        if (method.GetParameters().Any(parameter => parameter.ParameterType.IsByRef))
        {
            throw new ArgumentException($"Grain method {where} has a ref, out or in parameter; grain calls pass values only.");
        }

        var returnType = method.ReturnType;
        var isAsync = returnType == typeof(Task) || returnType == typeof(ValueTask) || IsGeneric(returnType, typeof(Task<>))
            || IsGeneric(returnType, typeof(ValueTask<>));
        if (!isAsync)
        {
            throw new ArgumentException($"Grain method {where} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        if (method.IsDefined(typeof(OneWayAttribute), inherit: true) && returnType != typeof(Task) && returnType != typeof(ValueTask))
        {
            throw new ArgumentException($"One-way grain method {where} must return Task or ValueTask: its caller gets no result.");
        }

        return new GrainMethod(method);
    }

    /// <summary>Calls the method on <paramref name="grain"/>; a synchronous throw becomes a faulted task.</summary>
    public Task<object?> Invoke(object grain, object?[] arguments)
    {
        try
        {
            return _invoke(grain, arguments);
        }
        catch (Exception exception)
        {
            return Task.FromException<object?>(exception);
        }
    }

    /// <summary>Converts the normalised result into the declared return type (Task, Task&lt;T&gt;, ValueTask, ...).</summary>
    public object AdaptResult(Task<object?> result) => _adaptResult(result);

    private static (Func<object, object?[], Task<object?>>, Func<Task<object?>, object>) Compile(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((parameter, index) =>
                Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(index)), parameter.ParameterType)));

        var returnType = method.ReturnType;
        MethodInfo normalise;
        Func<Task<object?>, object> adapt;
        if (returnType == typeof(Task))
        {
            normalise = FromTaskMethod;
            adapt = static task => task;
        }
        else if (returnType == typeof(ValueTask))
        {
            normalise = FromValueTaskMethod;
            adapt = static task => new ValueTask(task);
        }
        else
        {
            var resultType = returnType.GetGenericArguments()[0];
            var isTask = returnType.GetGenericTypeDefinition() == typeof(Task<>);
            normalise = (isTask ? FromTaskOfTMethod : FromValueTaskOfTMethod).MakeGenericMethod(resultType);
            adapt = (isTask ? ToTaskOfTMethod : ToValueTaskOfTMethod).MakeGenericMethod(resultType)
                .CreateDelegate<Func<Task<object?>, object>>();
        }

        var invoke = Expression.Lambda<Func<object, object?[], Task<object?>>>(Expression.Call(normalise, call), grain, arguments).Compile();
        return (invoke, adapt);
    }

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;

    private static MethodInfo Helper(string name) => typeof(GrainMethod).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<object?> FromTask(Task task)
    {
        await task;
        return null;
    }

    private static async Task<object?> FromTaskOfT<T>(Task<T> task) => await task;

    private static async Task<object?> FromValueTask(ValueTask task)
    {
        await task;
        return null;
    }

    private static async Task<object?> FromValueTaskOfT<T>(ValueTask<T> task) => await task;

    private static object ToTaskOfT<T>(Task<object?> task) => Unbox<T>(task);

    private static object ToValueTaskOfT<T>(Task<object?> task) => new ValueTask<T>(Unbox<T>(task));

    private static async Task<T> Unbox<T>(Task<object?> task) => (T)(await task)!;
}
