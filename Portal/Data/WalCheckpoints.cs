using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// SQLite in WAL mode copies the log back into the database file (a checkpoint) once the log passes 1,000 pages, on the
/// connection whose commit crossed the line: that writer, and every message queued behind it for the one write turn,
/// waited for the copy and its fsync (a 300 ms stall at 1,000 messages/s). Connections here do not checkpoint on
/// commit (<c>wal_autocheckpoint=0</c>); this service does, every second, on a connection of its own and PASSIVE: it
/// neither waits for nor blocks the readers and the writer, and the writer starts the log over once it is all copied.
/// </summary>
public sealed class WalCheckpoints(IDbContextFactory<PortalDbContext> dbFactory, ILogger<WalCheckpoints> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

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
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; meanwhile the log only grows.
            logger.LogWarning(ex, "Copying the SQLite write-ahead log into the database failed.");
        }
    }
}
