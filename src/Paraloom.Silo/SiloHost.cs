using System.Net;
using System.Net.Sockets;
using Orleans.Dashboard;
using Paraloom.ClusterTls;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Silo.Api;
using Paraloom.Silo.Health;

namespace Paraloom.Silo;

/// <summary>
/// Builds a silo: one ASP.NET Core host running Orleans with the compute grains and this silo's validators,
/// the HTTP API under /v1, OpenAPI at /openapi/v1.json, /healthz, /readyz, /metrics and the Orleans Dashboard
/// at /dashboard.
/// </summary>
public static class SiloHost
{
    /// <summary>
    /// Creates the silo from <paramref name="args"/> and the usual configuration sources; <paramref name="configure"/>
    /// runs last, so a host embedding the silo (the CLI's localnet) can set options in code.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting cannot work; the message names it.</exception>
    public static WebApplication Create(string[] args, Action<SiloOptions>? configure = null)
    {
        // Content root at the binaries, so appsettings.json is found wherever the process starts.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironmentVariables.Read(Environment.GetEnvironmentVariables()));
        builder.Configuration.AddCommandLine(args);
        var options = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        configure?.Invoke(options);
        options.Validate();
        var store = options.Store();
        var tls = options.Tls.Load($"{SiloOptions.SectionName}:Tls");

        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = RequestTargetLimit.KestrelRequestLineBytes;
        });
        // Telemetry first: its meter provider must listen before Orleans and the grains create their instruments.
        builder.AddParaloomTelemetry(options);
        builder.UseOrleans(silo => ConfigureSilo(silo, options, store, tls));
        builder.Services.AddParaloomHealthChecks(store);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FrameworkProblems.AddErrorCode);
        builder.Services.AddSubmissionLimiter(options);
        builder.Services.AddSingleton<JobWatchLimiter>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTargetLimit();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapOperationsEndpoints();
        app.MapParaloomMetrics();
        // The dashboard is for people, not part of the API the OpenAPI document describes.
        app.MapOrleansDashboard("/dashboard").ExcludeFromDescription();
        app.MapGroup("/v1").MapJobEndpoints().MapValidatorEndpoints().MapAccountEndpoints();
        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, SiloOptions options, ParaloomStore? store, ClusterTlsMaterial? tls)
    {
        silo.UseParaloomClustering(options, PortOrFree(options.SiloPort), PortOrFree(options.GatewayPort));
        if (tls is not null)
        {
            silo.UseParaloomTls(tls);
        }
        if (options.Kubernetes)
        {
            // After the clustering: the pod's name and IP go to Orleans. A StatefulSet recreates a deleted pod under its
            // name, so deleting a dead silo's pod restarts it with its keys.
            silo.UseKubernetesHosting(kubernetes => kubernetes.Configure(hosting => hosting.DeleteDefunctSiloPods = true));
        }
        if (store is null)
        {
            // The same state serializer as the stores: a final job's activation goes when idle and must read back.
            silo.UseSystemTextJsonGrainStorageSerializer().AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
        }
        else
        {
            silo.UseParaloomStore(store);
        }
        silo.AddDashboard();
        silo.AddActivityPropagation();
        silo.AddParaloomCallGuard(options.GatewayLimits);
        var dataDirectory = string.IsNullOrWhiteSpace(options.StorageDirectory) ? null : Path.GetFullPath(options.StorageDirectory);
        var keyDirectory = !string.IsNullOrWhiteSpace(options.KeyDirectory)
            ? Path.GetFullPath(options.KeyDirectory)
            : dataDirectory is null ? null : Path.Combine(dataDirectory, "keys");
        silo.AddParaloomCompute(compute =>
        {
            compute.Caps = options.Caps.ToNetworkCaps();
            compute.Fees = options.Fees.ToFeeOptions($"{SiloOptions.SectionName}:Fees");
            compute.NetworkAuthority = options.Network.Authority($"{SiloOptions.SectionName}:Network");
            compute.KeyHandOutTimeout = options.KeyHandOutTimeout;
            compute.Retention = options.Retention;
            compute.DeadlineCheckPeriod = options.DeadlineCheckPeriod;
            compute.ReputationRecoveryPeriod = options.ReputationRecoveryPeriod;
            compute.RequesterLimits = options.RequesterLimits;
            compute.LocalValidators.SiloId = options.SiloId;
            compute.LocalValidators.Count = options.Validators;
            compute.LocalValidators.Capacity = options.ValidatorCapacity;
            compute.LocalValidators.Scheduler = new ExecutionSchedulerOptions
            {
                ConcurrentExecutions = options.ExecutionThreads,
                QueueCapacity = Math.Max(ExecutionSchedulerOptions.Default.QueueCapacity, options.Validators * options.ValidatorCapacity),
            };
            compute.LocalValidators.KeyDirectory = keyDirectory;
            compute.LocalValidators.CompiledModuleDirectory = dataDirectory is null ? null : Path.Combine(dataDirectory, "compiled-modules");
        });
    }

    /// <summary>The port, or for 0 one the system has free now (Orleans needs a concrete port to advertise).</summary>
    private static int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
