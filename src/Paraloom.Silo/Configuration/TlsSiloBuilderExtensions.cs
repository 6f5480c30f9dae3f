using Orleans.Configuration;
using Paraloom.ClusterTls;

namespace Paraloom.Silo;

/// <summary>Puts a silo's Orleans connections under mutual TLS with the cluster authority's certificates.</summary>
internal static class TlsSiloBuilderExtensions
{
    /// <summary>
    /// The silo port takes and dials only silos, the gateway takes only clients: Orleans' own <c>UseTls</c> would give both
    /// ports one rule, so a client's certificate would open the silo-to-silo port.
    /// </summary>
    public static ISiloBuilder UseParaloomTls(this ISiloBuilder silo, ClusterTlsMaterial material) =>
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(material.TlsOptions(ClusterCertificateRole.Silo)));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(material.TlsOptions(ClusterCertificateRole.Silo)));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(material.TlsOptions(ClusterCertificateRole.Client)));
        });
}
