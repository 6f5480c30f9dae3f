using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;
using Orleans.Configuration;
using Paraloom.Client;
using Paraloom.Client.Transport.Orleans;

// Beside Orleans' own Use…Clustering extensions of the client builder.
namespace Orleans.Hosting;

/// <summary>Points an Orleans client at a Paraloom cluster's gateways, for <see cref="ParaloomTransport.Orleans"/>.</summary>
public static class ParaloomClusteringClientBuilderExtensions
{
    /// <summary>
    /// The silos' clustering, as <paramref name="configure"/> sets it: the gateway on 127.0.0.1 of a localhost silo, or the
    /// membership table in PostgreSQL (invariant "Npgsql") of a cluster; with the cluster's ServiceId and ClusterId. The
    /// client's start throws <see cref="SiloUnreachableException"/> once no gateway has answered for
    /// <see cref="ParaloomClusterOptions.ConnectTimeout"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting cannot work; the message names it.</exception>
    public static IClientBuilder UseParaloomClustering(this IClientBuilder client, Action<ParaloomClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configure);
        var cluster = new ParaloomClusterOptions();
        configure(cluster);
        cluster.Validate();
        client.Services.AddSingleton<IHostedService>(services =>
            new GatewayProbe(services.GetRequiredService<IGatewayListProvider>(), cluster.ConnectTimeout));
        if (cluster.EffectiveClustering == ParaloomClustering.Localhost)
        {
            return client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }
        client.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = cluster.ServiceId;
            options.ClusterId = cluster.ClusterId;
        });
        return client.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = "Npgsql";
            clustering.ConnectionString = cluster.PostgreSqlConnectionString;
        });
    }
}
