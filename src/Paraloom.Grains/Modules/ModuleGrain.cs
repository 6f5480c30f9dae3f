using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// A module stored once under its hash: a second job with the same module writes nothing, and job state
/// carries only the hash.
/// </summary>
[GrainType("module")]
internal sealed class ModuleGrain([PersistentState("module")] IPersistentState<ModuleState> state) : Grain, IModuleGrain
{
    public async Task StoreAsync(byte[] module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ModuleKey.For(module) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The module's bytes do not hash to this module grain's key.", nameof(module));
        }
        if (state.RecordExists)
        {
            return;
        }
        state.State.Bytes = module;
        await state.WriteStateAsync();
    }

    public Task<byte[]> ReadAsync() =>
        state.RecordExists
            ? Task.FromResult(state.State.Bytes)
            : throw new InvalidOperationException($"No module with hash {this.GetPrimaryKeyString()} was stored.");
}
