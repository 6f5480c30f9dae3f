using Paraloom.Silo;

await SiloHost.Create(args).RunAsync();

/// <summary>The silo's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
