using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// The same model on PostgreSQL. A context type of its own gives PostgreSQL its own migrations
/// (<c>migrations/Postgres</c>, generated for this type) beside SQLite's; the app still asks for <see cref="PortalDbContext"/>.
/// </summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
