namespace Paraloom.Client;

/// <summary>How the cluster's silos find each other, and so how an Orleans client finds their gateways.</summary>
public enum ParaloomClustering
{
    /// <summary>One silo on this machine: its gateway on 127.0.0.1 at <see cref="ParaloomClusterOptions.GatewayPort"/>.</summary>
    Localhost,

    /// <summary>
    /// Silos sharing a membership table in PostgreSQL (<see cref="ParaloomClusterOptions.PostgreSqlConnectionString"/>):
    /// the client reads their gateways from it and follows silos joining and leaving.
    /// </summary>
    PostgreSql,
}

/// <summary>
/// Where an Orleans client of the cluster finds its gateways, for <c>UseParaloomClustering</c>. The settings have the
/// silos' names, so a service can bind the silos' own <c>Paraloom</c> configuration section.
/// </summary>
public sealed class ParaloomClusterOptions
{
    /// <summary>Localhost or PostgreSql; by default PostgreSql when a connection string is set, as for the silos.</summary>
    public ParaloomClustering? Clustering { get; set; }

    /// <summary>The cluster's service id (default "paraloom", as the silos').</summary>
    public string ServiceId { get; set; } = "paraloom";

    /// <summary>The cluster's id (default "paraloom", as the silos').</summary>
    public string ClusterId { get; set; } = "paraloom";

    /// <summary>The silo's gateway port on 127.0.0.1, with Localhost clustering (default 30000, as the silo's).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long the host's start keeps trying a gateway that does not accept a connection before it throws
    /// <see cref="SiloUnreachableException"/> (default 10 s).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The database holding the silos' membership table, with PostgreSql clustering.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>
    /// The cluster authority's certificate (PEM, <c>ca.crt</c>), for a cluster whose gateways take mutual TLS: the only
    /// issuer this client trusts for a silo. Set it with <see cref="CertificateFile"/> and <see cref="KeyFile"/>.
    /// </summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>This client's certificate (PEM), issued by the authority for a client (<c>paraloom network issue --client</c>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>This client's private key (PEM, owner-only).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Whether any TLS file is named: then all three are needed.</summary>
    public bool UsesTls =>
        !string.IsNullOrWhiteSpace(CertificateAuthorityFile) || !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);

    /// <summary>The clustering in effect: <see cref="Clustering"/>, or the default for the connection string.</summary>
    public ParaloomClustering EffectiveClustering =>
        Clustering ?? (string.IsNullOrWhiteSpace(PostgreSqlConnectionString) ? ParaloomClustering.Localhost : ParaloomClustering.PostgreSql);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(ServiceId), "ParaloomClusterOptions.ServiceId must not be empty.");
        Require(!string.IsNullOrWhiteSpace(ClusterId), "ParaloomClusterOptions.ClusterId must not be empty.");
        Require(EffectiveClustering != ParaloomClustering.Localhost || GatewayPort is > 0 and <= 65535,
            $"ParaloomClusterOptions.GatewayPort must be between 1 and 65535 (it is {GatewayPort}).");
        Require(ConnectTimeout > TimeSpan.Zero, $"ParaloomClusterOptions.ConnectTimeout must be positive (it is {ConnectTimeout}).");
        Require(EffectiveClustering != ParaloomClustering.PostgreSql || !string.IsNullOrWhiteSpace(PostgreSqlConnectionString),
            "ParaloomClusterOptions.Clustering is PostgreSql, which needs PostgreSqlConnectionString.");
        Require(!UsesTls || !string.IsNullOrWhiteSpace(CertificateAuthorityFile) && !string.IsNullOrWhiteSpace(CertificateFile) && !string.IsNullOrWhiteSpace(KeyFile),
            "ParaloomClusterOptions.CertificateAuthorityFile, CertificateFile and KeyFile go together: TLS needs all three.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
