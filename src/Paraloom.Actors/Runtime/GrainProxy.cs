using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>
/// A grain reference: the run-time generated implementation of a grain interface (System.Reflection.DispatchProxy)
/// that turns every method call into a request to the grain's activation.
/// </summary>
internal class GrainProxy : DispatchProxy
{
    private ActorRuntime? _runtime;
    private GrainInterfaceInfo? _interface;

    internal GrainId GrainId { get; private set; }

    public override bool Equals(object? obj) =>
        obj is GrainProxy other && other.GrainId == GrainId && other._interface?.InterfaceType == _interface?.InterfaceType;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"GrainReference {_interface?.InterfaceType.Name}:{GrainId}";

    internal void Bind(ActorRuntime runtime, GrainInterfaceInfo grainInterface, GrainId grainId)
    {
        _runtime = runtime;
        _interface = grainInterface;
        GrainId = grainId;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _interface!.GetMethod(targetMethod);
        var request = new GrainRequest(GrainId, _interface.GrainClass, method, args ?? []);
        _runtime!.Dispatch(request);
        if (method.IsOneWay)
        {
            _runtime.ObserveOneWay(request);
            return method.AdaptResult(Task.FromResult<object?>(null));
        }

        return method.AdaptResult(_runtime.WaitForResponse(request));
    }
}
