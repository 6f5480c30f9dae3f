namespace Paraloom.Actors.Runtime;

/// <summary>Lets the activator load a persistent state without knowing its type.</summary>
internal interface ILoadableState
{
    Task ReadStateAsync();
}

/// <summary>A grain's named state, bound to its storage provider.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, ILoadableState
{
    private readonly string _stateName;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;
    private readonly GrainState<TState> _grainState = new(Activator.CreateInstance<TState>());

    public PersistentState(string stateName, GrainId grainId, IGrainStorage storage)
    {
        _stateName = stateName;
        _grainId = grainId;
        _storage = storage;
    }

    public TState State
    {
        get => _grainState.State;
        set => _grainState.State = value;
    }

    public string? Etag => _grainState.ETag;

    public bool RecordExists => _grainState.RecordExists;

    public Task ReadStateAsync() => _storage.ReadStateAsync(_stateName, _grainId, _grainState);

    public Task WriteStateAsync() => _storage.WriteStateAsync(_stateName, _grainId, _grainState);

    public Task ClearStateAsync() => _storage.ClearStateAsync(_stateName, _grainId, _grainState);

    public override string ToString() => $"PersistentState '{_stateName}' of {_grainId} (ETag {Etag ?? "none"})";
}
