using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// A module stored once under its hash: a second job with the same module writes nothing of the bytes, and job
/// state carries only the hash. How many jobs use it is kept apart from the bytes (a small write each), and the
/// module is removed when the last of them is.
/// </summary>
[GrainType("module")]
internal sealed class ModuleGrain(
    [PersistentState("module")] IPersistentState<ModuleState> state,
    [PersistentState("module-users")] IPersistentState<ModuleUsers> users) : Grain, IModuleGrain
{
    private ModuleUsers Users => users.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Users.JobIds is { } listed)
        {
            Users.Count += listed.Count;
            Users.JobIds = null;
            await users.WriteStateAsync();
        }
    }

    public async Task StoreAsync(byte[] module, string jobId)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (ModuleKey.For(module) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The module's bytes do not hash to this module grain's key.", nameof(module));
        }
        // The user first: a module is never stored without a job that will release it.
        if (!Users.Recent.Contains(jobId))
        {
            Users.Count++;
            Users.Recent.Add(jobId);
            if (Users.Recent.Count > ModuleUsers.RememberedJobs)
            {
                Users.Recent.RemoveAt(0);
            }
            await users.WriteStateAsync();
        }
        if (!state.RecordExists)
        {
            state.State.Bytes = module;
            await state.WriteStateAsync();
        }
    }

    public Task<byte[]> ReadAsync() =>
        state.RecordExists
            ? Task.FromResult(state.State.Bytes)
            : throw new InvalidOperationException($"No module with hash {this.GetPrimaryKeyString()} was stored.");

    public async Task ReleaseAsync()
    {
        if (Users.Count == 0)
        {
            return;
        }
        Users.Count--;
        if (Users.Count > 0)
        {
            await users.WriteStateAsync();
            return;
        }
        await state.ClearStateAsync();
        await users.ClearStateAsync();
        DeactivateOnIdle();
    }
}
