namespace Paraloom.Actors.Tests.Grains;

public sealed class GrainRuleException(string message) : Exception(message);

public interface IFaultyGrain : IGrainWithStringKey
{
    Task<int> ThrowAfterAwait(string message);

    Task<int> ThrowSynchronously(string message);

    Task<Guid> ActivationId();
}

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new GrainRuleException(message);
    }

    public Task<int> ThrowSynchronously(string message) => throw new GrainRuleException(message);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> Ping();
}

public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        throw new GrainRuleException($"activation of {this.GetPrimaryKeyString()} refused");

    public Task<int> Ping() => Task.FromResult(1);
}
