using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Paraloom.Grains;

namespace Paraloom.Cli.Commands;

/// <summary><c>paraloom localnet</c>: one silo with three validators on the embedded SQLite store (or PostgreSQL), until Ctrl-C.</summary>
internal static class LocalnetCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "The port to listen on, on 127.0.0.1 (0: any free port)",
            HelpName = "P",
            DefaultValueFactory = _ => 5700,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Where validator keys and the SQLite store (state and reminders) are kept (default ./paraloom-localnet)",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("paraloom-localnet"),
        };
        var postgres = StoreOptions.PostgreSql("State and reminders in this PostgreSQL database instead of the SQLite file");
        var command = new Command("localnet", $"Run a silo hosting {LocalSilo.Validators} validators on the embedded SQLite store; Ctrl-C stops it")
        {
            port, data, postgres,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("localnet", parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var directory = parse.GetValue(data)!.FullName;
            var connectionString = parse.GetValue(postgres);
            var (app, url) = await LocalSilo.StartAsync(parse.GetValue(port), directory, cancellationToken,
                options => options.PostgreSqlConnectionString = connectionString);
            await using (app)
            {
                await output.WriteLineAsync($"paraloom localnet listening on {url}");
                var store = connectionString is null ? $"data in {directory}" : $"keys in {directory}, state in {ParaloomStore.PostgreSql(connectionString)}";
                await output.WriteLineAsync($"{LocalSilo.Validators} validators, {store}; Ctrl-C stops it");
                await output.FlushAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
            }
            await output.WriteLineAsync("paraloom localnet stopped");
            return 0;
        }));
        return command;
    }
}
