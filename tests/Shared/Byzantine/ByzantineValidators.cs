using Microsoft.Extensions.DependencyInjection;
using Paraloom.Grains;

namespace Paraloom.Testing;

/// <summary>
/// Makes a test silo's validator dishonest: its votes go through a <see cref="ByzantineVoteSigner"/>. Linked only into
/// the test hosts that need faulty validators (Grains and Silo tests, the dashboard check), never into a shipped project.
/// </summary>
internal static class ByzantineValidators
{
    /// <param name="slot">The validator's key slot, <c>validator-1</c> …: its id is known only once its key is.</param>
    public static IServiceCollection AddByzantineValidator(this IServiceCollection services, string slot, ValidatorConduct conduct) =>
        services.AddKeyedSingleton<IVoteSigner>(slot, new ByzantineVoteSigner(conduct));
}
