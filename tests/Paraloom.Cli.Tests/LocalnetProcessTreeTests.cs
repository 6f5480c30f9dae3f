using Npgsql;
using Paraloom.Cli.Commands;
using Paraloom.Cli.Tests.Support;

namespace Paraloom.Cli.Tests;

/// <summary>
/// <c>paraloom localnet --silos 2</c> with its own throwaway PostgreSQL, on real processes: however it is stopped (Ctrl-C
/// or a closed terminal signalling its whole process group, SIGTERM to it alone, SIGKILL), no silo, no database server
/// and no temporary directory outlives it; the server has connections for its silos; each silo keeps its log in its
/// data directory; a silo that ends is reported.
/// </summary>
public sealed class LocalnetProcessTreeTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _data = Directory.CreateTempSubdirectory("paraloom-tree-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData(Signals.Interrupt)] // Ctrl-C at a terminal
    [InlineData(Signals.HangUp)] // the terminal closed
    public async Task A_stop_signal_to_the_process_group_leaves_nothing_running(int signal)
    {
        await using var cluster = await LocalClusterProcess.StartAsync(2, _data, postgreSql: null);
        var server = cluster.ThrowawayDirectory!;
        Assert.NotEmpty(ProcessTable.Mentioning(server));

        cluster.Signal(signal, toGroup: true);
        var exit = await cluster.WaitForExitAsync(Bound);

        Assert.Equal(0, exit);
        await AssertNothingRunsAsync(cluster, server);
    }

    [Fact]
    public async Task Sigterm_to_localnet_alone_stops_everything_and_a_silo_that_ends_is_reported_with_its_log()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(2, _data, postgreSql: null);
        var server = cluster.ThrowawayDirectory!;
        var silo2 = cluster.Silos[1];

        cluster.Kill(1);
        var reported = await ProcessTable.EventuallyAsync(
            () => cluster.Output.Contains($"silo-2 (pid {silo2.ProcessId}) exited with code 137; its log: {Path.Combine(_data, "silo-2", "silo.log")}"), Bound);
        cluster.Signal(Signals.Terminate, toGroup: false);
        var exit = await cluster.WaitForExitAsync(Bound);

        Assert.True(reported, cluster.Output);
        Assert.Equal(0, exit);
        Assert.Contains("paraloom localnet listening on", await File.ReadAllTextAsync(Path.Combine(_data, "silo-1", "silo.log")));
        Assert.Contains("paraloom localnet listening on", await File.ReadAllTextAsync(Path.Combine(_data, "silo-2", "silo.log")));
        await AssertNothingRunsAsync(cluster, server);
    }

    [Fact]
    public async Task A_killed_localnet_leaves_no_silo_and_no_database_server_behind()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(2, _data, postgreSql: null);
        var server = cluster.ThrowawayDirectory!;

        cluster.Signal(Signals.KillNow, toGroup: false);
        await cluster.WaitForExitAsync(Bound);

        await AssertNothingRunsAsync(cluster, server);
    }

    [Fact]
    public async Task The_throwaway_server_has_room_for_its_silos_and_the_banner_shows_how_to_join_it()
    {
        await using var cluster = await LocalClusterProcess.StartAsync(2, _data, postgreSql: null);
        var join = new NpgsqlConnectionStringBuilder(cluster.MemberConnectionString);

        await using var connection = new NpgsqlConnection(join.ConnectionString);
        await connection.OpenAsync();
        await using var show = connection.CreateCommand();
        show.CommandText = "SHOW max_connections;";
        var maxConnections = int.Parse((string)(await show.ExecuteScalarAsync())!);

        // Each silo's pool is bounded, and the server holds the pools of its two silos and the spares that may join.
        Assert.Equal(ThrowawayPostgreSql.ConnectionsPerSilo, join.MaxPoolSize);
        Assert.True(maxConnections >= (2 + ThrowawayPostgreSql.SpareSilos) * join.MaxPoolSize, $"max_connections is {maxConnections}");
        Assert.Contains("--member silo-3 --postgres '", cluster.Output);
    }

    [Fact]
    public async Task A_throwaway_server_whose_guard_died_is_removed_by_the_next_localnet()
    {
        var server = await ThrowawayPostgreSql.StartAsync(1, CancellationToken.None);
        var guard = server.Guard!;
        Signals.Send(guard.ProcessId, Signals.KillNow);
        Assert.True(await ProcessTable.EventuallyAsync(() => !guard.IsAlive, Bound));
        Assert.NotEmpty(ProcessTable.Mentioning(server.Location));

        var removed = await ThrowawayPostgreSql.RemoveLeftoversAsync(CancellationToken.None);

        Assert.Contains(server.Location, removed);
        Assert.False(Directory.Exists(server.Location));
        Assert.True(await ProcessTable.EventuallyAsync(() => ProcessTable.Mentioning(server.Location).Count == 0, Bound));
    }

    private static async Task AssertNothingRunsAsync(LocalClusterProcess cluster, string server)
    {
        var silos = cluster.Silos.Select(silo => silo.ProcessId).ToList();
        Assert.True(await ProcessTable.EventuallyAsync(() => !silos.Any(ProcessTable.IsRunning), Bound),
            $"silo processes still run:\n{cluster.Output}");
        Assert.True(await ProcessTable.EventuallyAsync(() => ProcessTable.Mentioning(server).Count == 0 && !Directory.Exists(server), Bound),
            $"the throwaway PostgreSQL in {server} outlived localnet:\n{cluster.Output}");
    }
}
