using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paraloom.Actors.Testing;
using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class RegistrationTests
{
    public interface ISyncGrain : IGrainWithStringKey
    {
        int NotAsync();
    }

    public interface IRefGrain : IGrainWithStringKey
    {
        Task ByRef(ref int value);
    }

    public interface IOneWayWithResultGrain : IGrainWithStringKey
    {
        [OneWay]
        Task<int> Fire();
    }

    public interface IStatefulGrain : IGrainWithStringKey
    {
        Task Touch();
    }

    public sealed class SyncGrain : Grain, ISyncGrain
    {
        public int NotAsync() => 1;
    }

    public sealed class RefGrain : Grain, IRefGrain
    {
        public Task ByRef(ref int value) => Task.CompletedTask;
    }

    public sealed class OneWayWithResultGrain : Grain, IOneWayWithResultGrain
    {
        public Task<int> Fire() => Task.FromResult(1);
    }

    public sealed class StatefulGrain([PersistentState("s", "nowhere")] IPersistentState<CounterState> state) : Grain, IStatefulGrain
    {
        public Task Touch() => state.WriteStateAsync();
    }

    public sealed class TwoConstructorsGrain : Grain, IStatefulGrain
    {
        public TwoConstructorsGrain()
        {
        }

        public TwoConstructorsGrain(LifecycleLog log) => _ = log;

        public Task Touch() => Task.CompletedTask;
    }

    [GrainType("counter")]
    public sealed class ImpostorGrain : Grain, IStatefulGrain
    {
        public Task Touch() => Task.CompletedTask;
    }

    [Theory]
    [InlineData(typeof(ISyncGrain), "must return Task")]
    [InlineData(typeof(IRefGrain), "ref, out or in parameter")]
    [InlineData(typeof(IOneWayWithResultGrain), "must return Task or ValueTask")]
    public void Grain_interfaces_breaking_a_rule_are_refused_at_registration(Type grainInterface, string expected)
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddParaloomActors(silo =>
        {
            if (grainInterface == typeof(ISyncGrain))
            {
                silo.AddGrain<ISyncGrain, SyncGrain>();
            }
            else if (grainInterface == typeof(IRefGrain))
            {
                silo.AddGrain<IRefGrain, RefGrain>();
            }
            else
            {
                silo.AddGrain<IOneWayWithResultGrain, OneWayWithResultGrain>();
            }
        }));

        Assert.Contains(expected, error.Message);
    }

    [StatelessWorker]
    public sealed class RemindableWorkerGrain : Grain, IStatefulGrain, IRemindable
    {
        public Task Touch() => Task.CompletedTask;

        public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
    }

    [Fact]
    public void A_stateless_worker_cannot_be_remindable()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ServiceCollection().AddParaloomActors(silo => silo.AddGrain<IStatefulGrain, RemindableWorkerGrain>()));

        Assert.Contains("stateless worker", error.Message);
    }

    [Fact]
    public void A_grain_class_with_two_public_constructors_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ServiceCollection().AddParaloomActors(silo => silo.AddGrain<IStatefulGrain, TwoConstructorsGrain>()));

        Assert.Contains("exactly one public constructor", error.Message);
    }

    [Fact]
    public async Task A_grain_using_an_unregistered_storage_fails_the_runtime_start_naming_it()
    {
        await using var cluster = new InProcessTestCluster(silo => silo.AddGrain<IStatefulGrain, StatefulGrain>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartAsync());

        Assert.Contains("'nowhere'", error.Message);
    }

    [Fact]
    public async Task Two_classes_with_the_same_grain_type_are_refused()
    {
        await using var cluster = new InProcessTestCluster(silo => silo
            .AddMemoryGrainStorage("store")
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IStatefulGrain, ImpostorGrain>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartAsync());

        Assert.Contains("share the grain type 'counter'", error.Message);
    }

    [Fact]
    public async Task Getting_a_grain_of_an_unregistered_interface_says_how_to_register_it()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());

        var error = Assert.Throws<ArgumentException>(() => cluster.GrainFactory.GetGrain<IStatefulGrain>("x"));

        Assert.Contains("AddGrain<IStatefulGrain, TGrain>()", error.Message);
        Assert.Throws<ArgumentNullException>(() => cluster.GrainFactory.GetGrain<ICounterGrain>(null!));
    }

    [Fact]
    public async Task Invalid_options_fail_the_runtime_start()
    {
        await using var cluster = Clusters.Create(
            new LifecycleLog(), configure: silo => silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.StartAsync());

        Assert.Contains("CollectionAge", error.Message);
    }

    [Fact]
    public void Grains_cannot_be_constructed_outside_the_runtime()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FaultyGrain());

        Assert.Contains("GetGrain", error.Message);
    }
}
