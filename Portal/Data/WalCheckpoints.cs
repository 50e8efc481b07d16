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
/// 15 MB a second, to 2 GB in two minutes. So once it passes <see cref="RestartAtFrames"/> pages (by default), the checkpoint takes
/// the write turn for a moment (no message is being stored), copies the few pages written since the passive copy and
/// waits briefly for readers to leave the log: the next write starts it over.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CheckpointAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last connection to close checkpoints what is left.
        }
    }

    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            var passive = await RunAsync(connection, "PASSIVE", cancellationToken);
            if (passive.LogFrames >= restartAtFrames)
                await RestartLogAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; meanwhile the log only grows.
            logger.LogWarning(ex, "Copying the SQLite write-ahead log into the database failed.");
        }
    }

    private async Task RestartLogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var held = Stopwatch.StartNew();
        Checkpoint restart;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await ExecuteAsync(connection, $"PRAGMA busy_timeout={ReaderWaitMilliseconds};", cancellationToken);
            try
            {
                restart = await RunAsync(connection, "RESTART", cancellationToken);
            }
            finally
            {
                await ExecuteAsync(connection, $"PRAGMA busy_timeout={Hosting.DatabaseSetup.BusyTimeoutMilliseconds};", CancellationToken.None);
            }
        }
        logger.LogInformation("SQLite write-ahead log of {Frames} pages {Outcome}; writes waited {Milliseconds} ms",
            restart.LogFrames, restart.Busy ? "not started over (readers still in it)" : "started over", held.ElapsedMilliseconds);
    }

    /// <summary>The outcome of <c>PRAGMA wal_checkpoint(mode)</c>: whether it could not finish, pages in the log, pages copied.</summary>
    private readonly record struct Checkpoint(bool Busy, long LogFrames, long CopiedFrames);

    private static async Task<Checkpoint> RunAsync(DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Checkpoint(reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
