using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Portal.Data;

/// <summary>
/// Search that ignores case on both databases: queries compare <c>EF.Functions.Like(column.ToLower(), pattern, "\\")</c>.
/// SQLite's LIKE already ignores (ASCII) case, so its pattern stays as typed; PostgreSQL's LIKE does not, so there the pattern
/// is lowered like the column.
/// </summary>
public static class TextSearch
{
    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with <c>%</c>, <c>_</c> and <c>\</c> taken literally.</summary>
    public static string ContainsPattern(DatabaseFacade database, string text) => "%" + Escape(Fold(database, text.Trim())) + "%";

    /// <summary>A LIKE pattern matching values that start with <paramref name="text"/>.</summary>
    public static string StartsWithPattern(DatabaseFacade database, string text) => Escape(Fold(database, text)) + "%";

    private static string Fold(DatabaseFacade database, string text) => database.IsNpgsql() ? text.ToLowerInvariant() : text;

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
