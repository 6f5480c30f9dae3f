using System.Reflection;

namespace Paraloom.Actors.Runtime;

/// <summary>Creates grain references bound to one runtime.</summary>
internal sealed class GrainFactory : IClusterClient
{
    private readonly ActorRuntime _runtime;

    public GrainFactory(ActorRuntime runtime) => _runtime = runtime;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var grainInterface = _runtime.Registry.GetInterface(typeof(TGrainInterface));
        var reference = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)reference).Bind(_runtime, grainInterface, new GrainId(grainInterface.GrainClass.GrainType, primaryKey));
        return reference;
    }
}
