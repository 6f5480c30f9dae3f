using System.Net;
using Orleans.Configuration;

namespace Paraloom.Silo;

/// <summary>Joins a silo to its cluster as <see cref="SiloOptions"/> say.</summary>
internal static class ClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Localhost clustering (one silo, Orleans on 127.0.0.1), or a membership table in PostgreSQL with this silo
    /// advertised at <see cref="SiloOptions.AdvertisedAddress"/>; either way with the membership timings of
    /// <see cref="SiloOptions.Membership"/>.
    /// </summary>
    public static ISiloBuilder UseParaloomClustering(this ISiloBuilder silo, SiloOptions options, int siloPort, int gatewayPort)
    {
        if (options.EffectiveClustering == ClusteringKind.Localhost)
        {
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            var advertised = IPAddress.Parse(options.AdvertisedAddress);
            // A loopback address is a cluster on one machine: listen there only. Any other is reached from elsewhere.
            var listenOn = IPAddress.IsLoopback(advertised) ? advertised : IPAddress.Any;
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = options.ServiceId;
                cluster.ClusterId = options.ClusterId;
            });
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = advertised;
                endpoints.SiloPort = siloPort;
                endpoints.GatewayPort = gatewayPort;
                endpoints.SiloListeningEndpoint = new IPEndPoint(listenOn, siloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(listenOn, gatewayPort);
            });
            silo.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = "Npgsql";
                clustering.ConnectionString = options.PostgreSqlConnectionString;
            });
        }
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = options.Membership.ProbeTimeout;
            membership.NumMissedProbesLimit = options.Membership.MissedProbesLimit;
            membership.NumVotesForDeathDeclaration = options.Membership.VotesForDeath;
        });
        return silo;
    }
}
