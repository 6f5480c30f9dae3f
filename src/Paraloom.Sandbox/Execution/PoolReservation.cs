namespace Paraloom.Compute.Execution;

/// <summary>The pool slot a store holds (<see cref="SandboxEngine.ReservePoolSlot"/>); none on the on-demand allocator.</summary>
internal readonly struct PoolReservation(SemaphoreSlim? slots) : IDisposable
{
    public void Dispose() => slots?.Release();
}
