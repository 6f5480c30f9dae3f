namespace Paraloom.Actors.Runtime;

/// <summary>Something an activation runs as a turn: a grain call or a timer tick.</summary>
internal abstract class ActivationWorkItem
{
    /// <summary>Whether it may start while other turns of the activation are in progress.</summary>
    public abstract bool MayInterleave(GrainClassInfo grainClass);

    /// <summary>Whether running it counts as activity for idle collection.</summary>
    public abstract bool KeepsAlive { get; }

    public abstract Task ExecuteAsync(GrainActivation activation, Grain grain);

    /// <summary>The activation failed to activate: the item will never run.</summary>
    public abstract void Fail(Exception exception);
}
