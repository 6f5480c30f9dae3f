using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

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

    [Fact]
    public void Clustering_on_postgresql_without_a_connection_string_is_refused_when_configured()
    {
        var builder = Host.CreateApplicationBuilder();

        var invalid = Assert.Throws<InvalidOperationException>(() =>
            builder.UseOrleansClient(client => client.UseParaloomClustering(cluster => cluster.Clustering = ParaloomClustering.PostgreSql)));

        Assert.Contains("PostgreSqlConnectionString", invalid.Message);
    }

    [Fact]
    public void Clustering_defaults_to_postgresql_when_a_connection_string_is_set_as_for_the_silos()
    {
        Assert.Equal(ParaloomClustering.Localhost, new ParaloomClusterOptions().EffectiveClustering);
        Assert.Equal(ParaloomClustering.PostgreSql, new ParaloomClusterOptions { PostgreSqlConnectionString = "Host=db" }.EffectiveClustering);
    }
}
