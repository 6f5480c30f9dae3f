using Microsoft.Extensions.DependencyInjection;

namespace Paraloom.Actors;

/// <summary>Configures the actor runtime: grains, storage, reminders and options (see <see cref="SiloBuilderExtensions"/>).</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
}
