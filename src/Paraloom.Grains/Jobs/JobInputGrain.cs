using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

[GrainType("job-input")]
internal sealed class JobInputGrain([PersistentState("job-input")] IPersistentState<JobInputState> state) : Grain, IJobInputGrain
{
    public async Task StoreAsync(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (state.RecordExists)
        {
            return;
        }
        state.State.Bytes = input;
        await state.WriteStateAsync();
        // The job reads it only when it dispatches an attempt: no need to hold it in memory until then.
        DeactivateOnIdle();
    }

    public Task<byte[]> ReadAsync()
    {
        DeactivateOnIdle();
        return state.RecordExists
            ? Task.FromResult(state.State.Bytes)
            : throw new InvalidOperationException($"No input was stored for job {this.GetPrimaryKeyString()}.");
    }

    public async Task RemoveAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

/// <summary>A public job's input or a private job's sealed input.</summary>
internal sealed class JobInputState
{
    public byte[] Bytes { get; set; } = [];
}
