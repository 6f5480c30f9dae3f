using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Orleans' reminder table on the embedded store: the rows and versions of our Sqlite-Reminders.sql, upserts and
/// removals through the one <see cref="SqliteWriter"/>, reads on <see cref="SqliteReaders"/>.
/// </summary>
internal sealed class SqliteReminderTable(SqliteStore store, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable WHERE ServiceId = @ServiceId";

    private const string UpsertSql =
        "INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version) " +
        "VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0) " +
        "ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET StartTime = excluded.StartTime, Period = excluded.Period, " +
        "GrainHash = excluded.GrainHash, Version = OrleansRemindersTable.Version + 1 RETURNING Version;";

    private const string DeleteSql =
        "DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;";

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Task.FromResult(Query(
        $"{Columns} AND GrainId = @GrainId;", ["@ServiceId", "@GrainId"], [_serviceId, grainId.ToString()]));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Task.FromResult(
        // A range that wraps past the top of the ring is the two ends of it (as Orleans' ADO.NET queries read it).
        (int)begin < (int)end
            ? Query($"{Columns} AND GrainHash > @Begin AND GrainHash <= @End;", ["@ServiceId", "@Begin", "@End"], [_serviceId, (int)begin, (int)end])
            : Query($"{Columns} AND (GrainHash > @Begin OR GrainHash <= @End);", ["@ServiceId", "@Begin", "@End"], [_serviceId, (int)begin, (int)end]));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Task.FromResult(Query(
        $"{Columns} AND GrainId = @GrainId AND ReminderName = @ReminderName;",
        ["@ServiceId", "@GrainId", "@ReminderName"], [_serviceId, grainId.ToString(), reminderName]).Reminders.SingleOrDefault());

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var startAt = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc);
        var version = await store.Writer.WriteAsync(statements =>
        {
            var command = statements.Get(UpsertSql, "@ServiceId", "@GrainId", "@ReminderName", "@StartTime", "@Period", "@GrainHash");
            command.Parameters["@ServiceId"].Value = _serviceId;
            command.Parameters["@GrainId"].Value = entry.GrainId.ToString();
            command.Parameters["@ReminderName"].Value = entry.ReminderName;
            command.Parameters["@StartTime"].Value = startAt;
            command.Parameters["@Period"].Value = (long)entry.Period.TotalMilliseconds;
            command.Parameters["@GrainHash"].Value = (int)entry.GrainId.GetUniformHashCode();
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => store.Writer.WriteAsync(statements =>
    {
        var command = statements.Get(DeleteSql, "@ServiceId", "@GrainId", "@ReminderName", "@Version");
        command.Parameters["@ServiceId"].Value = _serviceId;
        command.Parameters["@GrainId"].Value = grainId.ToString();
        command.Parameters["@ReminderName"].Value = reminderName;
        command.Parameters["@Version"].Value = int.Parse(eTag, CultureInfo.InvariantCulture);
        return command.ExecuteNonQuery() > 0;
    });

    public Task TestOnlyClearTable() => store.Writer.WriteAsync(statements =>
    {
        var command = statements.Get("DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;", "@ServiceId");
        command.Parameters["@ServiceId"].Value = _serviceId;
        return command.ExecuteNonQuery();
    });

    private ReminderTableData Query(string sql, string[] names, object[] values) => store.Readers.Read(statements =>
    {
        var command = statements.Get(sql, names);
        for (var i = 0; i < names.Length; i++)
        {
            command.Parameters[names[i]].Value = values[i];
        }
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return new ReminderTableData(entries);
    });
}
