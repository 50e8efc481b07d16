using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// Every SQLite connection the app works on enforces foreign keys, writes with synchronous=NORMAL (safe under WAL) and
/// keeps its temporary tables and statement journals in memory (no temporary file made and deleted per statement),
/// whether freshly opened or handed out again by the pool, where the settings are applied once per handle. No commit
/// copies the write-ahead log into the database (a stall for every writer queued behind it): the app's checkpoint
/// service does.
/// </summary>
public sealed class SqliteConnectionSettingsTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Connections_from_the_pool_keep_foreign_keys_on_synchronous_normal_and_temporary_storage_in_memory()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        for (var use = 0; use < 5; use++)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(1, await PragmaAsync(db, "foreign_keys"));
            Assert.Equal(1, await PragmaAsync(db, "synchronous"));
            Assert.Equal(2, await PragmaAsync(db, "temp_store"));
        }
    }

    [Fact]
    public async Task Several_connections_open_at_once_each_have_the_settings()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var contexts = new List<PortalDbContext>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var db = await factory.CreateDbContextAsync();
                contexts.Add(db);
                await db.Database.OpenConnectionAsync();
            }

            foreach (var db in contexts)
                Assert.Equal(1, await PragmaAsync(db, "foreign_keys"));
        }
        finally
        {
            foreach (var db in contexts)
                await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_commit_leaves_the_database_file_alone_until_the_checkpoint_service_copies_the_log_into_it()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(0, await PragmaAsync(db, "wal_autocheckpoint"));
        var version = Random.Shared.Next(1, 1_000_000);
        // A pragma takes no parameters; the number is ours.
        var setVersion = "PRAGMA user_version = " + version;
        await db.Database.ExecuteSqlRawAsync(setVersion);

        await Task.Run(app.Services.GetServices<IHostedService>().OfType<WalCheckpoints>().Single().Checkpoint);

        // The header of the database file itself (bytes 60–63, big-endian) now holds what was committed to the log.
        var header = new byte[64];
        await using (var file = new FileStream(db.Database.GetDbConnection().DataSource, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await file.ReadExactlyAsync(header);
        Assert.Equal(version, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(60)));
    }

    [Fact]
    public async Task Under_writes_that_never_pause_the_log_still_starts_over_once_it_passes_the_limit()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var gate = app.Services.GetRequiredService<DatabaseWriteGate>();
        const int limit = 300;
        var log = new FakeLogger<WalCheckpoints>();
        var checkpoints = new WalCheckpoints(factory, gate, log, restartAtFrames: limit);
        using var stop = new CancellationTokenSource();
        // One page a commit, one commit after another through the write turn, as messages come in a rush.
        var writer = Task.Run(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            for (var version = 1; !stop.IsCancellationRequested; version++)
            {
                var setVersion = "PRAGMA user_version = " + version;
                using (await gate.EnterAsync())
                    await db.Database.ExecuteSqlRawAsync(setVersion);
            }
        });

        // Readers come one after another and overlap, as the hubs' and pages' queries do: at any moment one of them
        // reads a snapshot that still needs the log, so SQLite alone seldom finds a moment to start the log over (it did
        // once in a few dozen runs, between a passive checkpoint and the restart: so the test also reads what the checkpointer did).
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            while (!stop.IsCancellationRequested)
            {
                await db.Database.ExecuteSqlRawAsync("BEGIN DEFERRED; SELECT count(*) FROM sqlite_master;");
                await Task.Delay(10);
                await db.Database.ExecuteSqlRawAsync("COMMIT;");
            }
        })).ToList();

        // The writer here commits tens of thousands of pages a second on a quiet machine, so the log's size between two
        // looks says little: the restart is read from the log's header and from what the checkpointer says it did.
        var logFile = await LogFileAsync(factory);
        var saltsBefore = LogSalts(logFile);
        IReadOnlyList<FakeLogRecord> StartedOver() => log.Collector.GetSnapshot().Where(r => r.GetStructuredStateValue("Outcome") == "started over").ToList();
        for (var tick = 0; tick < 80 && StartedOver().Count == 0; tick++)
        {
            await Task.Delay(25);
            await Task.Run(checkpoints.Checkpoint);
        }
        var salts = saltsBefore;
        for (var look = 0; look < 100 && salts == saltsBefore; look++)
        {
            await Task.Delay(20);
            salts = LogSalts(logFile);
        }
        await stop.CancelAsync();
        await Task.WhenAll([writer, .. readers]);

        var said = string.Join("\n", log.Collector.GetSnapshot().Select(r => r.Message));
        var restart = StartedOver().FirstOrDefault();
        Assert.True(restart is not null, $"The checkpointer never started the log over past {limit} pages; it said:\n{said}");
        Assert.True(long.Parse(restart.GetStructuredStateValue("Frames")!) >= limit, said);
        Assert.True(salts != saltsBefore, $"The log's header still has the salts it had before the checkpointer said:\n{said}");
    }

    private static async Task<string> LogFileAsync(IDbContextFactory<PortalDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return db.Database.GetDbConnection().DataSource + "-wal";
    }

    /// <summary>
    /// The salts in the write-ahead log's header (bytes 16–23): SQLite draws new ones each time the log starts over and
    /// writes them with the first page after. (The header's checkpoint count at 12–15 is each connection's own: a writer
    /// that did not restart the log itself writes its old count.)
    /// </summary>
    private static ulong LogSalts(string logFile)
    {
        var header = new byte[24];
        using (var file = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            file.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(16));
    }

    private static async Task<long> PragmaAsync(PortalDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
