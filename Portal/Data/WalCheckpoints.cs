using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// Keeps SQLite's write-ahead log copied into the database and its size bounded.
/// <para>
/// SQLite in WAL mode copies the log back into the database file (a checkpoint) once the log passes 1,000 pages, on the
/// connection whose commit crossed the line: that writer, and every message queued behind it for the one write turn,
/// waited for the copy and its fsync (a 300 ms stall at 1,000 messages/s). Connections here do not checkpoint on
/// commit (<c>wal_autocheckpoint=0</c>); this service does, every second, on a connection of its own and PASSIVE: it
/// neither waits for nor blocks the readers and the writer.
/// </para>
/// <para>
/// The log starts over from its beginning only when a write begins with all of it copied, which under steady traffic
/// never happens (each message adds pages while a checkpoint copies): at 1,000 messages a second the log grew by
/// 15 MB a second, to 2 GB in two minutes. So once it passes <see cref="RestartAtFrames"/> pages (by default), the
/// checkpoint takes the write turn for a moment (no message is being stored: 2–12 ms measured), copies the few pages
/// written since the passive copy and waits briefly for readers to leave the log: the next write starts it over.
/// </para>
/// <para>
/// It runs on a thread of its own: a checkpoint is tens of milliseconds of blocking file work (copying pages, two
/// fsyncs), and on a thread-pool worker it took one of the two or three a two-core server runs with away from the
/// messages — at 1,000 messages/s the slow ones bunched in the 150 ms after each checkpoint began.
/// </para>
/// </summary>
public sealed class WalCheckpoints(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<WalCheckpoints> logger,
    int restartAtFrames = WalCheckpoints.RestartAtFrames) : BackgroundService
{
    /// <summary>About 64 MB of log (pages of 4 KB), four seconds of a 1,000-messages-a-second rush.</summary>
    public const int RestartAtFrames = 16_000;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How long the restart waits for readers still in the log while it holds the write turn; it tries again next time.</summary>
    private const int ReaderWaitMilliseconds = 100;

    // On stopping the loop ends; the last connection to close checkpoints what is left.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() =>
        {
            while (!stoppingToken.WaitHandle.WaitOne(Interval))
                Checkpoint();
        }, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Copies the log into the database and, past the limit, starts it over. Blocks the calling thread for the file work.</summary>
    public void Checkpoint()
    {
        try
        {
            using var db = dbFactory.CreateDbContext();
            var connection = db.Database.GetDbConnection();
            db.Database.OpenConnection();
            var passive = Run(connection, "PASSIVE");
            if (passive.LogFrames >= restartAtFrames)
                RestartLog(connection, passive.LogFrames);
        }
        catch (Exception ex)
        {
            // The next tick tries again; meanwhile the log only grows.
            logger.LogWarning(ex, "Copying the SQLite write-ahead log into the database failed.");
        }
    }

    private void RestartLog(DbConnection connection, long framesSeen)
    {
        var held = Stopwatch.StartNew();
        CheckpointResult restart;
        // Waiting for the write turn blocks this thread only (its own, or a test's).
        using (writeGate.EnterAsync().AsTask().GetAwaiter().GetResult())
        {
            Execute(connection, $"PRAGMA busy_timeout={ReaderWaitMilliseconds};");
            try
            {
                restart = Run(connection, "RESTART");
            }
            finally
            {
                Execute(connection, $"PRAGMA busy_timeout={Hosting.DatabaseSetup.BusyTimeoutMilliseconds};");
            }
        }
        // The pages the passive checkpoint saw: the log may have started over by itself since (SQLite does when a write
        // finds it all copied and no reader in it).
        logger.LogInformation("SQLite write-ahead log of {Frames} pages {Outcome}; the write turn taken for {Milliseconds} ms, its wait included",
            framesSeen, restart.Busy ? "not started over (readers still in it)" : "started over", held.ElapsedMilliseconds);
    }

    /// <summary>The outcome of <c>PRAGMA wal_checkpoint(mode)</c>: whether it could not finish, and the pages in the log.</summary>
    private readonly record struct CheckpointResult(bool Busy, long LogFrames);

    private static CheckpointResult Run(DbConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new CheckpointResult(reader.GetInt64(0) != 0, reader.GetInt64(1));
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
