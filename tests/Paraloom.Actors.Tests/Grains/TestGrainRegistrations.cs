namespace Paraloom.Actors.Tests.Grains;

public static class TestGrainRegistrations
{
    public static ISiloBuilder AddAll(ISiloBuilder silo) => silo
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrain<ISerialProbeGrain, SerialProbeGrain>()
        .AddGrain<IReentrantProbeGrain, ReentrantProbeGrain>()
        .AddGrain<IFaultyGrain, FaultyGrain>()
        .AddGrain<IFailingActivationGrain, FailingActivationGrain>()
        .AddGrain<ITimerGrain, TimerGrain>()
        .AddGrain<IReminderGrain, ReminderGrain>()
        .AddGrain<IPlainGrain, PlainGrain>();
}
