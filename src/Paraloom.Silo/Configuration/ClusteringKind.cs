namespace Paraloom.Silo;

/// <summary>How a silo finds the other silos of its cluster (<c>Paraloom:Clustering</c>).</summary>
public enum ClusteringKind
{
    /// <summary>One silo on its own (the embedded default): membership in memory, Orleans on 127.0.0.1.</summary>
    Localhost,

    /// <summary>
    /// Any number of silos sharing one membership table in the PostgreSQL database that holds their state
    /// (<c>Paraloom:PostgreSqlConnectionString</c>), each reachable at its <c>Paraloom:AdvertisedAddress</c>.
    /// </summary>
    PostgreSql,
}
