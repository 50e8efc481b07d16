using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Portal.Data;

namespace Portal.Hosting;

public static class DatabaseSetup
{
    /// <summary>How long a SQLite statement waits for a lock another connection holds before it fails.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>
    /// EF Core on the configured provider (<c>Portal:Database:Provider</c>): the SQLite file <c>portal.db</c> in the data
    /// directory in WAL mode by default, or PostgreSQL at <c>ConnectionStrings:Portal</c>.
    /// </summary>
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var database = ReadOptions(builder.Configuration);
        var migrationsAssembly = typeof(PortalDbContext).Assembly.GetName().Name;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(builder.Configuration);
            builder.Services.AddPooledDbContextFactory<PostgresPortalDbContext>(options => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(migrationsAssembly)));
            // The app asks for PortalDbContext everywhere; on PostgreSQL it gets the subclass that carries PostgreSQL's migrations.
            builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PostgresContextFactory>();
            builder.Services.AddScoped(ContextOfTheScope);
            // PostgreSQL runs writers side by side.
            builder.Services.AddSingleton(new DatabaseWriteGate(serializeWrites: false));
            // Several nodes may share this database: work that must run once at a time takes an advisory lock.
            builder.Services.AddSingleton(services => new ClusterLock(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), acrossNodes: true));
            return builder;
        }

        var sqlite = builder.Configuration.GetConnectionString("Portal")
            ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "portal.db"), Pooling = true }.ToString();
        builder.Services.AddPooledDbContextFactory<PortalDbContext>(options => options
            .UseSqlite(sqlite, options => options.MigrationsAssembly(migrationsAssembly))
            .AddInterceptors(new SqlitePragmas()));
        builder.Services.AddScoped(ContextOfTheScope);
        builder.Services.AddSingleton(new DatabaseWriteGate(serializeWrites: true));
        builder.Services.AddHostedService<WalCheckpoints>();
        // A SQLite file belongs to one process: there are no other nodes to keep apart.
        builder.Services.AddSingleton(services => new ClusterLock(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), acrossNodes: false));
        return builder;
    }

    /// <summary>
    /// Contexts come from a pool: a message's path opens several, and building each one's internal services anew took a
    /// tenth of the server's CPU at 1,000 messages/s. Identity's stores and the admin pages take one per request or
    /// circuit scope, returned to the pool when the scope ends.
    /// </summary>
    private static PortalDbContext ContextOfTheScope(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>The <c>Portal:Database</c> settings as read at start-up, for the parts (jobs, health) that pick their storage then.</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary><c>ConnectionStrings:Portal</c>, which the PostgreSQL provider cannot do without.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Portal:Database:Provider is Postgres but ConnectionStrings:Portal is not set.")
            : connectionString;
    }

    /// <summary>
    /// Creates the (empty) database when it does not exist yet: the first start on a new PostgreSQL server takes the
    /// start-up lock (<see cref="ClusterLock"/>), which lives in that database, before it migrates.
    /// </summary>
    public static async Task EnsureDatabaseExistsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
            return;
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (DbException) when (creator.Exists())
        {
            // Another node starting at the same moment created it first.
        }
    }

    /// <summary>Applies pending migrations (the <c>migrations/</c> folder) before the app serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (the console) work while a message is written; it is a property of the file.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private sealed class PostgresContextFactory(IDbContextFactory<PostgresPortalDbContext> postgres) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => postgres.CreateDbContext();

        public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await postgres.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// Per-connection settings: WAL makes NORMAL durable across crashes of the app, and faster than FULL; no checkpoint on
    /// commit (<see cref="WalCheckpoints"/> does them off the write path); temporary tables and statement journals in
    /// memory: on disk SQLite made and deleted a temporary file for them thousands of times a minute at 1,000 messages a
    /// second, each a change to the file system's metadata, which waits whenever its journal does (a delete in the server
    /// took 0.86 s once on this ext4 mounted with discard). They stay with the
    /// connection's SQLite handle, which the pool hands out again and again: each handle is set up once, not on every
    /// open (three statements parsed and run per open, several opens per message).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private static readonly string Pragmas =
            $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY;";
        private static readonly object SetUp = new();
        private readonly ConditionalWeakTable<object, object> _setUpHandles = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (IsSetUp(connection))
                return;
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkSetUp(connection);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (IsSetUp(connection))
                return;
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkSetUp(connection);
        }

        private bool IsSetUp(DbConnection connection) =>
            connection is SqliteConnection { Handle: { } handle } && _setUpHandles.TryGetValue(handle, out _);

        private void MarkSetUp(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
                _setUpHandles.AddOrUpdate(handle, SetUp);
        }
    }
}
