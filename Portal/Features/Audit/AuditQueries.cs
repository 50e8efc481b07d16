using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Audit;

/// <summary>One page of audit entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);

/// <summary>Searches the audit log for the audit page, the API and the CSV export.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int PageSize = 50;

    /// <summary>The export's ceiling, so one request cannot hold the server for long; narrow the filter for more.</summary>
    public const int ExportLimit = 100_000;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filtered(db, filter);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(items, page, PageSize, total);
    }

    /// <summary>Every matching entry in id order (up to <see cref="ExportLimit"/>), read as it is written out.</summary>
    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var entry in Filtered(db, filter).OrderBy(e => e.Id).Take(ExportLimit).AsAsyncEnumerable().WithCancellation(ct))
            yield return entry;
    }

    /// <summary>The actions that occur in the log, for the page's filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditLog.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    private static IQueryable<AuditEntry> Filtered(PortalDbContext db, AuditFilter filter)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var pattern = TextSearch.ContainsPattern(db.Database, filter.Query);
            entries = entries.Where(e => EF.Functions.Like(e.Action.ToLower(), pattern, "\\") || EF.Functions.Like(e.Target.ToLower(), pattern, "\\")
                || EF.Functions.Like(e.ActorName.ToLower(), pattern, "\\") || EF.Functions.Like(e.IpAddress!.ToLower(), pattern, "\\")
                || EF.Functions.Like(e.Before!.ToLower(), pattern, "\\") || EF.Functions.Like(e.After!.ToLower(), pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            var family = TextSearch.StartsWithPattern(db.Database, action + ".");
            entries = entries.Where(e => e.Action == action || EF.Functions.Like(e.Action.ToLower(), family, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            var pattern = TextSearch.ContainsPattern(db.Database, actor);
            entries = entries.Where(e => e.ActorId == actor || EF.Functions.Like(e.ActorName.ToLower(), pattern, "\\"));
        }
        if (filter.From is { } from)
        {
            var since = AsUtc(from);
            entries = entries.Where(e => e.At >= since);
        }
        if (filter.To is { } to)
        {
            var until = AsUtc(to);
            entries = entries.Where(e => e.At <= until);
        }
        return entries;
    }

    /// <summary>A time without a zone is read as UTC, as the API documents.</summary>
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
