namespace Paraloom.Client;

/// <summary>How an <see cref="IParaloomClient"/> reaches the service; every call behaves the same on either.</summary>
public enum ParaloomTransport
{
    /// <summary>The silo's HTTP API at <see cref="ParaloomClientOptions.BaseAddress"/> (the default).</summary>
    Http,

    /// <summary>
    /// The Orleans gateway, through the <c>IClusterClient</c> the application registers with <c>UseOrleansClient</c>,
    /// configured with the cluster's clustering (localhost gateway ports or ADO.NET on PostgreSQL) and its
    /// ServiceId/ClusterId. For .NET services inside the cluster's network.
    /// </summary>
    Orleans,
}
