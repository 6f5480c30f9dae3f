using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>The client a silo's own process calls grains through, outside any grain: its HTTP API, its start.</summary>
internal static class HostedClient
{
    /// <summary>Orleans' key for that client on <paramref name="silo"/>; every other client id is an external client's.</summary>
    public static string KeyOf(ILocalSiloDetails silo) => $"hosted-{silo.SiloAddress.ToParsableString()}";
}
