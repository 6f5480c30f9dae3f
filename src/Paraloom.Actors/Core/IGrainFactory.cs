namespace Paraloom.Actors;

/// <summary>Creates references to grains. A reference is cheap: the grain is activated by its first call.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ArgumentException">No grain class is registered for <typeparamref name="TGrainInterface"/>.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}

/// <summary>The client of the actor runtime, as seen from outside grains.</summary>
public interface IClusterClient : IGrainFactory;
