using System.CommandLine;

namespace Paraloom.Cli.Commands;

/// <summary>The options that choose where a silo keeps state and reminders (localnet, db migrate).</summary>
internal static class StoreOptions
{
    public const string PostgreSqlVariable = "PARALOOM_POSTGRES";

    /// <summary>A PostgreSQL connection string; default <c>$PARALOOM_POSTGRES</c>, else none (the SQLite file).</summary>
    public static Option<string?> PostgreSql(string description) => new("--postgres")
    {
        Description = $"{description} (a connection string; default: ${PostgreSqlVariable})",
        HelpName = "CONNECTION",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value ? value : null,
    };
}
