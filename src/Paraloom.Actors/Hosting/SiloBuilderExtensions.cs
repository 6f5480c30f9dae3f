using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paraloom.Actors.Runtime;

namespace Paraloom.Actors;

/// <summary>The configuration vocabulary of <see cref="ISiloBuilder"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Registers <typeparamref name="TGrain"/> as the implementation of <typeparamref name="TGrainInterface"/>.</summary>
    /// <exception cref="ArgumentException">The interface or class breaks a grain rule (the message says which).</exception>
    public static ISiloBuilder AddGrain<TGrainInterface, TGrain>(this ISiloBuilder builder)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(builder);
        var grainInterface = GrainInterfaceInfo.Create(typeof(TGrainInterface), GrainClassInfo.Create(typeof(TGrain)));
        builder.Services.AddSingleton(new GrainRegistration(grainInterface));
        return builder;
    }

    /// <summary>Adds a named in-memory grain storage (for tests; lost when the process ends).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name, (services, _) => new MemoryGrainStorage(services.GetRequiredService<IOptions<GrainStorageSerializerOptions>>().Value));
        return builder;
    }

    /// <summary>Adds a named durable grain storage in <paramref name="directory"/> (created when missing).</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name, (services, _) => new FileGrainStorage(directory, services.GetRequiredService<IOptions<GrainStorageSerializerOptions>>().Value));
        return builder;
    }

    /// <summary>Keeps reminders in memory (for tests; lost when the process ends).</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderTable, InMemoryReminderTable>());
        return builder;
    }

    /// <summary>Keeps reminders durably in <paramref name="directory"/> (created when missing).</summary>
    public static ISiloBuilder UseFileReminderService(this ISiloBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(_ => new FileReminderTable(directory)));
        return builder;
    }

    /// <summary>Configures runtime options: <see cref="GrainCollectionOptions"/>, <see cref="MessagingOptions"/>,
    /// <see cref="ReminderOptions"/> or <see cref="GrainStorageSerializerOptions"/>.</summary>
    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }
}
