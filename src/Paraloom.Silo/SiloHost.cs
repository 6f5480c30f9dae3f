using Paraloom.Actors;
using Paraloom.Compute.Execution;
using Paraloom.Grains;
using Paraloom.Silo.Api;
using Paraloom.Silo.Metrics;

namespace Paraloom.Silo;

/// <summary>
/// Builds a silo: the actor runtime with the compute grains and this silo's validators, the HTTP API under
/// /v1, OpenAPI at /openapi/v1.json, /healthz, /readyz and /metrics.
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

        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        AddRuntime(builder.Services, options);
        builder.Services.AddSingleton<SiloMetrics>();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();

        var app = builder.Build();
        // The exporter must listen before the first measurement, not from the first scrape.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapOperationsEndpoints();
        app.MapGroup("/v1").MapJobEndpoints().MapValidatorEndpoints();
        return app;
    }

    private static void AddRuntime(IServiceCollection services, SiloOptions options)
    {
        var directory = string.IsNullOrWhiteSpace(options.StorageDirectory) ? null : Path.GetFullPath(options.StorageDirectory);
        services.AddParaloomActors(silo =>
        {
            if (directory is null)
            {
                silo.AddMemoryGrainStorage(PersistentStateAttribute.DefaultStorageName).UseInMemoryReminderService();
            }
            else
            {
                silo.AddFileGrainStorage(PersistentStateAttribute.DefaultStorageName, Path.Combine(directory, "state"))
                    .UseFileReminderService(Path.Combine(directory, "reminders"));
            }
        });
        services.AddParaloomCompute(compute =>
        {
            compute.Caps = options.Caps.ToNetworkCaps();
            compute.KeyHandOutTimeout = options.KeyHandOutTimeout;
            compute.DeadlineCheckPeriod = options.DeadlineCheckPeriod;
            compute.LocalValidators.SiloId = options.SiloId;
            compute.LocalValidators.Count = options.Validators;
            compute.LocalValidators.Capacity = options.ValidatorCapacity;
            compute.LocalValidators.Scheduler = new ExecutionSchedulerOptions
            {
                ConcurrentExecutions = options.ExecutionThreads,
                QueueCapacity = Math.Max(ExecutionSchedulerOptions.Default.QueueCapacity, options.Validators * options.ValidatorCapacity),
            };
            compute.LocalValidators.KeyDirectory = directory is null ? null : Path.Combine(directory, "keys");
        });
    }
}
