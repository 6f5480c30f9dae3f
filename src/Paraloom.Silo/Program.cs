using Microsoft.Extensions.Options;
using Paraloom.Silo;

try
{
    await SiloHost.Create(args).RunAsync();
    return 0;
}
catch (Exception misconfigured) when (misconfigured is InvalidOperationException or OptionsValidationException)
{
    // A setting that cannot work stops the silo with one line naming it, not a stack trace.
    await Console.Error.WriteLineAsync($"paraloom silo: {misconfigured.Message}");
    return 2;
}

/// <summary>The silo's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
