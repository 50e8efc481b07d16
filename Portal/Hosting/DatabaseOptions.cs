using System.ComponentModel.DataAnnotations;

namespace Portal.Hosting;

/// <summary>Which database the app and its background jobs use (<c>Portal:Database</c>, SPEC §3).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> keeps everything in the data directory;
    /// <see cref="DatabaseProvider.Postgres"/> uses <c>ConnectionStrings:Portal</c> so several app instances can share it.</summary>
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
