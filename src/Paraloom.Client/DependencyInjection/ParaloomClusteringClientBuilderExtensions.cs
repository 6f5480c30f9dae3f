using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Messaging;
using Paraloom.Client;
using Paraloom.Client.Transport.Orleans;
using Paraloom.ClusterTls;

// Beside Orleans' own Use…Clustering extensions of the client builder.
namespace Orleans.Hosting;

/// <summary>Points an Orleans client at a Paraloom cluster's gateways, for <see cref="ParaloomTransport.Orleans"/>.</summary>
public static class ParaloomClusteringClientBuilderExtensions
{
    /// <summary>
    /// The silos' clustering, as <paramref name="configure"/> sets it: the gateway on 127.0.0.1 of a localhost silo, or the
    /// membership table in PostgreSQL (invariant "Npgsql") of a cluster; with the cluster's ServiceId and ClusterId; over
    /// mutual TLS when the options name the TLS files. The client's start throws <see cref="SiloUnreachableException"/> once
    /// no gateway has answered for <see cref="ParaloomClusterOptions.ConnectTimeout"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting cannot work; the message names it.</exception>
    public static IClientBuilder UseParaloomClustering(this IClientBuilder client, Action<ParaloomClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configure);
        var cluster = new ParaloomClusterOptions();
        configure(cluster);
        cluster.Validate();
        if (cluster.UsesTls)
        {
            UseTls(client, cluster);
        }
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

    /// <summary>Mutual TLS to the gateways: this client's certificate presented, and only the authority's silos accepted.</summary>
    private static void UseTls(IClientBuilder client, ParaloomClusterOptions cluster)
    {
        ClusterTlsMaterial material;
        try
        {
            material = ClusterTlsMaterial.Load(cluster.CertificateAuthorityFile!, cluster.CertificateFile!, cluster.KeyFile!, ClusterCertificateRole.Client);
        }
        catch (InvalidOperationException invalid)
        {
            throw new InvalidOperationException($"ParaloomClusterOptions TLS files: {invalid.Message}");
        }
        client.Configure<ClientConnectionOptions>(connections =>
            connections.ConfigureConnection(connection => connection.UseClientTls(material.TlsOptions(ClusterCertificateRole.Silo))));
    }
}
