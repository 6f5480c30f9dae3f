using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Paraloom.Grains;

/// <summary>
/// The embedded store's one writer: a connection of its own on a thread of its own. Writes that concurrent grains
/// queue while a commit is under way are committed together, in one transaction with one fsync (group commit), so a
/// write costs its statements and a share of a commit instead of a transaction and an fsync of its own, and writers
/// never contend for SQLite's lock (no SQLITE_BUSY, no busy sleeps). A write's task completes only once its
/// transaction is durable: every transition is still persisted before it is acted on.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    // Bounds one transaction, so a burst still reaches the disk (and its waiters) in steps.
    private const int MaxBatch = 256;

    private readonly BlockingCollection<IQueuedWrite> _queue = new();
    private readonly Thread _thread;
    private readonly SqliteStatements _statements;

    public SqliteWriter(string connectionString)
    {
        _statements = new SqliteStatements(connectionString);
        _thread = new Thread(Run) { IsBackground = true, Name = "Paraloom SQLite writer" };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer's connection inside the next group's transaction (under a savepoint of
    /// its own, so a write that throws undoes only itself) and completes once that transaction is committed.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteStatements, T> write)
    {
        var queued = new QueuedWrite<T>(write);
        try
        {
            _queue.Add(queued);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The SQLite writer has stopped: the silo is shutting down.");
        }
        return queued.Task;
    }

    private void Run()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<IQueuedWrite> batch)
    {
        try
        {
            _statements.Execute("BEGIN IMMEDIATE;");
            foreach (var write in batch)
            {
                _statements.Execute("SAVEPOINT paraloom_write;");
                if (write.Run(_statements))
                {
                    _statements.Execute("RELEASE paraloom_write;");
                }
                else
                {
                    _statements.Execute("ROLLBACK TO paraloom_write;");
                    _statements.Execute("RELEASE paraloom_write;");
                }
            }
            _statements.Execute("COMMIT;");
        }
        catch (Exception exception)
        {
            // The transaction did not reach the disk: no write in it happened, and each waiter learns why.
            TryRollback();
            foreach (var write in batch)
            {
                write.Fail(exception);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private void TryRollback()
    {
        try
        {
            _statements.Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // No transaction is open (it failed to begin, or SQLite rolled it back on an I/O or full-disk error).
        }
    }

    /// <summary>Stops taking writes, commits the ones queued, and closes the connection.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _statements.Dispose();
        _queue.Dispose();
    }

    private interface IQueuedWrite
    {
        /// <summary>Runs the write; false when it threw (its error is kept for its waiter) and must be undone.</summary>
        bool Run(SqliteStatements statements);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<SqliteStatements, T> write) : IQueuedWrite
    {
        // Continuations run on the thread pool, never on the writer's thread.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public bool Run(SqliteStatements statements)
        {
            try
            {
                _result = write(statements);
                return true;
            }
            catch (Exception exception)
            {
                _error = exception;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
            {
                _completion.SetResult(_result!);
            }
            else
            {
                _completion.SetException(_error);
            }
        }

        public void Fail(Exception exception) => _completion.SetException(exception);
    }
}
