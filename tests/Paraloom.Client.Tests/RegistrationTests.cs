using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Paraloom.Client.Tests;

/// <summary><c>AddParaloomClient</c> refuses options that cannot work, naming what is missing.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void A_client_without_a_silo_address_is_refused_when_resolved()
    {
        var services = new ServiceCollection();
        services.AddParaloomClient(_ => { });
        using var provider = services.BuildServiceProvider();

        var invalid = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IParaloomClient>());

        Assert.Contains("BaseAddress", invalid.Message);
    }

    [Fact]
    public async Task The_orleans_transport_without_an_orleans_client_is_refused_when_the_host_starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddParaloomClient(options => options.Transport = ParaloomTransport.Orleans);
        using var host = builder.Build();

        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("UseOrleansClient", invalid.Message);
        Assert.DoesNotContain("BaseAddress", invalid.Message);
    }
}
