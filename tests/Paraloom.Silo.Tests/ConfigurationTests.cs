using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paraloom.Compute;
using Paraloom.Grains;

namespace Paraloom.Silo.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Short_environment_variables_land_in_the_paraloom_section()
    {
        var variables = new Hashtable
        {
            ["PARALOOM_STORAGEDIRECTORY"] = "/data",
            ["PARALOOM_CAPS__MAXFUEL"] = "5",
            ["PATH"] = "/usr/bin",
            ["PARALOOM_"] = "ignored",
        };

        var settings = PrefixedEnvironmentVariables.Read(variables).ToDictionary();

        Assert.Equal(2, settings.Count);
        Assert.Equal("/data", settings["Paraloom:STORAGEDIRECTORY"]);
        Assert.Equal("5", settings["Paraloom:CAPS:MAXFUEL"]);
    }

    [Fact]
    public void Caps_left_out_keep_the_network_defaults()
    {
        var caps = new CapsSettings { MaxFuel = 42, MaxWallClock = TimeSpan.FromSeconds(3) }.ToNetworkCaps();

        Assert.Equal(42, caps.MaxFuel);
        Assert.Equal(TimeSpan.FromSeconds(3), caps.MaxWallClock);
        Assert.Equal(NetworkCaps.Default.MaxModuleBytes, caps.MaxModuleBytes);
        Assert.Equal(NetworkCaps.Default.MaxReplication, caps.MaxReplication);
    }

    [Theory]
    [InlineData("Validators")]
    [InlineData("ExecutionThreads")]
    [InlineData("MaxRequestBodyBytes")]
    [InlineData("GatewayLimits")]
    [InlineData("Caps:MaxFuel")]
    public void A_setting_that_cannot_work_fails_with_its_name(string setting)
    {
        var options = new SiloOptions();
        switch (setting)
        {
            case "Validators": options.Validators = 0; break;
            case "ExecutionThreads": options.ExecutionThreads = 0; break;
            case "MaxRequestBodyBytes": options.MaxRequestBodyBytes = -1; break;
            case "GatewayLimits": options.GatewayLimits.JobWatchesPerClient = 0; break;
            default: options.Caps.MaxFuel = 0; break;
        }

        var failure = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Paraloom:" + setting, failure.Message);
    }

    [Fact]
    public async Task The_silo_binds_its_options_from_configuration_and_code_overrides_last()
    {
        var app = SiloHost.Create(["--Paraloom:Validators=5", "--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption, "--Paraloom:Caps:MaxFuel=77"],
            options => options.SiloId = "embedded");
        await using var _ = app;

        var options = app.Services.GetRequiredService<SiloOptions>();

        Assert.Equal(5, options.Validators);
        Assert.Equal("embedded", options.SiloId);
        Assert.Equal(77, options.Caps.MaxFuel);
    }

    [Fact]
    public async Task Many_validators_on_few_threads_get_a_queue_that_holds_all_they_may_be_assigned()
    {
        var app = SiloHost.Create(
            ["--Paraloom:Validators=8", "--Paraloom:ValidatorCapacity=4", "--Paraloom:ExecutionThreads=2", "--Paraloom:StorageDirectory=", TestNetwork.AuthorityOption]);
        await using var _ = app;

        // Reading the options runs the compute validation, which refuses a queue too short for 8 × 4 executions.
        var scheduler = app.Services.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators.Scheduler;

        Assert.Equal(2, scheduler.ConcurrentExecutions);
        Assert.Equal(32, scheduler.QueueCapacity);
    }

    [Theory]
    [InlineData("--Paraloom:Validators=0", "Paraloom:Validators")]
    [InlineData("--Paraloom:PostgreSqlConnectionString=Host=db;Nonsense=1", "Paraloom:PostgreSqlConnectionString")]
    public async Task A_misconfigured_silo_stops_with_one_line_naming_the_setting(string setting, string named)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Paraloom.Silo.dll"));
        start.ArgumentList.Add(setting);
        using var silo = Process.Start(start)!;
        var error = silo.StandardError.ReadToEndAsync();
        var output = silo.StandardOutput.ReadToEndAsync();
        await silo.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, silo.ExitCode);
        Assert.Single(lines);
        Assert.StartsWith("paraloom silo: ", lines[0]);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain(" at ", await output);
    }
}
