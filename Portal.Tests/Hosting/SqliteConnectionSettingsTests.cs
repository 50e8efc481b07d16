using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

        await app.Services.GetServices<IHostedService>().OfType<WalCheckpoints>().Single().CheckpointAsync();

        // The header of the database file itself (bytes 60–63, big-endian) now holds what was committed to the log.
        var header = new byte[64];
        await using (var file = new FileStream(db.Database.GetDbConnection().DataSource, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await file.ReadExactlyAsync(header);
        Assert.Equal(version, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(60)));
    }

    private static async Task<long> PragmaAsync(PortalDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
