using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;

namespace Portal.Hosting;

public static class DatabaseSetup
{
    /// <summary>EF Core on the SQLite file <c>portal.db</c> in the data directory, in WAL mode.</summary>
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder, string dataDirectory)
    {
        var connectionString = builder.Configuration.GetConnectionString("Portal")
            ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "portal.db"), Pooling = true }.ToString();

        builder.Services.AddDbContextFactory<PortalDbContext>(options => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name))
            .AddInterceptors(new SqlitePragmas()));
        builder.Services.AddSingleton(new DatabaseWriteGate(serializeWrites: true));
        return builder;
    }

    /// <summary>Applies pending migrations (the <c>migrations/</c> folder) before the app serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (the console) work while a message is written; it is a property of the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>Per-connection settings: WAL makes NORMAL durable across crashes of the app, and faster than FULL.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
