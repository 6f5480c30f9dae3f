using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests.Grains;

public sealed class CounterState
{
    public int Count { get; set; }

    public List<string> Notes { get; set; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    ValueTask<int> GetViaValueTask();

    Task AddNote(string note);

    Task<IReadOnlyList<string>> Notes();

    Task<string> Key();

    Task<Guid> ActivationId();

    Task<string?> Etag();

    Task Clear();

    Task Deactivate();

    Task<int> IncrementSelfThroughReference();
}

/// <summary>A persistent counter; reports activation and deactivation to the <see cref="LifecycleLog"/>.</summary>
[GrainType("counter")]
public sealed class CounterGrain(
    [PersistentState("counter", "store")] IPersistentState<CounterState> state,
    LifecycleLog log) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate {this.GetPrimaryKeyString()} count={state.State.Count}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public ValueTask<int> GetViaValueTask() => ValueTask.FromResult(state.State.Count);

    public async Task AddNote(string note)
    {
        state.State.Notes.Add(note);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Notes() => Task.FromResult<IReadOnlyList<string>>(state.State.Notes.ToList());

    public Task<string> Key() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task Clear() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    // Calling yourself from inside a turn waits for a turn that cannot start: a deadlock, as in Orleans.
    public Task<int> IncrementSelfThroughReference() => GrainFactory.GetGrain<ICounterGrain>(this.GetPrimaryKeyString()).Increment();
}
