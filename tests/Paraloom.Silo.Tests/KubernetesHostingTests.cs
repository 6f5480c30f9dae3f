using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace Paraloom.Silo.Tests;

/// <summary><c>Paraloom:Kubernetes</c> turns Orleans' Kubernetes hosting on, and only then.</summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public async Task Off_by_default_the_silo_does_not_use_kubernetes_hosting()
    {
        var app = SiloHost.Create(["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption]);
        await using var _ = app;

        Assert.Empty(app.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public async Task On_the_silo_deletes_the_pods_of_dead_silos()
    {
        var app = SiloHost.Create(["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption, "--Paraloom:Kubernetes=true"]);
        await using var _ = app;

        var hosting = new KubernetesHostingOptions();
        foreach (var configure in app.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>())
        {
            configure.Configure(hosting);
        }

        Assert.True(hosting.DeleteDefunctSiloPods);
    }

    [Fact]
    public async Task On_outside_a_pod_the_silo_refuses_to_start_naming_the_missing_downward_api_variable()
    {
        var app = SiloHost.Create(["--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption, "--Paraloom:Kubernetes=true", "--Paraloom:SiloPort=0", "--Paraloom:GatewayPort=0"]);
        await using var _ = app;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains(KubernetesHostingOptions.PodNamespaceEnvironmentVariable, failure.ToString());
    }
}
