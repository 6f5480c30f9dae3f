using System.CommandLine;
using Paraloom.Grains;
using Paraloom.Silo;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom db migrate</c>: creates the tables and queries Orleans' ADO.NET providers need, in PostgreSQL or in
/// the SQLite file under <c>--data</c> (which must exist); what exists already is left alone. A silo does the same when
/// it starts.
/// </summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "The localnet data directory whose SQLite store to migrate (default ./paraloom-localnet)",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("paraloom-localnet"),
        };
        var postgres = StoreOptions.PostgreSql("Migrate this PostgreSQL database instead of the SQLite file");
        var migrate = new Command("migrate", "Create the storage schema (grain state and reminders) where it is missing") { data, postgres };
        migrate.SetAction((parse, cancellationToken) => CommandFailure.RunAsync("db migrate", parse.InvocationConfiguration.Error, async () =>
        {
            var store = parse.GetValue(postgres) is { } connectionString
                ? ParaloomStore.PostgreSql(connectionString)
                : ParaloomStore.Sqlite(ExistingSqliteFile(parse.GetValue(data)!));
            var applied = await SchemaMigrator.MigrateAsync(store, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(applied.Count == 0
                ? $"{store.Describe()}: the schema is up to date"
                : $"{store.Describe()}: applied {string.Join(", ", applied)}");
            return 0;
        }));
        return new Command("db", "Manage the database a silo keeps its state in") { migrate };
    }

    /// <summary>
    /// The store under <paramref name="data"/>, which must exist: migrating a mistyped directory would create a new,
    /// empty store there and say all is well. A silo creates its store when it first starts.
    /// </summary>
    /// <exception cref="UsageException">There is no store there.</exception>
    private static string ExistingSqliteFile(DirectoryInfo data)
    {
        var file = Path.Combine(data.FullName, SiloOptions.SqliteFileName);
        return File.Exists(file)
            ? file
            : throw new UsageException($"--data: there is no store at {file} (a localnet creates it when it first starts there).");
    }
}
