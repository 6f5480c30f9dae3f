namespace Paraloom.Grains;

/// <summary>Where grain state and reminders live.</summary>
public enum StoreKind
{
    /// <summary>One SQLite file: the embedded default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for production.</summary>
    PostgreSql,
}
