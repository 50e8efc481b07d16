using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Reports;

/// <summary>Builds reports from the rollups (never from the messages), for the page, the API and the CSV export.</summary>
public sealed class ReportQueries(IDbContextFactory<PortalDbContext> dbFactory, ReportRollups rollups)
{
    public async Task<Report> BuildAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReportRollups.AsNoTracking()
            .Where(r => r.Day >= request.From && r.Day <= request.To)
            .ToListAsync(cancellationToken);
        var labels = await LabelsAsync(db, request.By, rows, cancellationToken);

        var total = new ReportFigures();
        var groups = new Dictionary<(DateOnly Period, string? Key), ReportFigures>();
        var periods = new SortedDictionary<DateOnly, ReportFigures>();
        foreach (var row in rows)
        {
            total.Add(row);
            var period = PeriodOf(row.Day, request);
            FiguresOf(groups, (period, KeyOf(row, request.By))).Add(row);
            FiguresOf(periods, period).Add(row);
        }

        var reportRows = groups
            .Select(g => g.Value.ToRow(g.Key.Period, g.Key.Key, Label(request.By, g.Key.Key, labels)))
            .OrderBy(r => r.Period).ThenBy(r => r.Key is null ? 0 : 1).ThenBy(r => r.Label, StringComparer.CurrentCulture)
            .ToList();
        return new Report(request.From, request.To, Name(request.GroupBy), Name(request.By), await rollups.LastRunAsync(cancellationToken),
            DurationHistogram.RelativePrecision, reportRows, [.. periods.Select(p => p.Value.ToRow(p.Key, null, "All"))],
            total.ToRow(request.From, null, "All"));
    }

    private static ReportFigures FiguresOf<TKey>(IDictionary<TKey, ReportFigures> figures, TKey key)
    {
        if (!figures.TryGetValue(key, out var found))
            figures[key] = found = new ReportFigures();
        return found;
    }

    private static DateOnly PeriodOf(DateOnly day, ReportRequest request) => request.GroupBy switch
    {
        ReportPeriod.Day => day,
        ReportPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => request.From,
    };

    private static string? KeyOf(ReportRollup row, ReportBreakdown by) => by switch
    {
        ReportBreakdown.Agent => row.AgentId,
        ReportBreakdown.Team => row.TeamId?.ToString(),
        ReportBreakdown.Channel => row.Channel,
        ReportBreakdown.Site => row.SiteId.ToString(),
        _ => null,
    };

    private static string Label(ReportBreakdown by, string? key, IReadOnlyDictionary<string, string> labels) => (by, key) switch
    {
        (ReportBreakdown.None, _) => "All",
        (ReportBreakdown.Agent, null) => "Unassigned",
        (ReportBreakdown.Team, null) => "No team",
        (ReportBreakdown.Channel, not null) => key,
        (_, not null) when labels.TryGetValue(key, out var name) => name,
        (ReportBreakdown.Agent, _) => "Removed person",
        (ReportBreakdown.Team, _) => "Removed team",
        _ => "Removed site",
    };

    private static async Task<IReadOnlyDictionary<string, string>> LabelsAsync(
        PortalDbContext db, ReportBreakdown by, List<ReportRollup> rows, CancellationToken cancellationToken)
    {
        switch (by)
        {
            case ReportBreakdown.Agent:
                var agentIds = rows.Where(r => r.AgentId is not null).Select(r => r.AgentId!).Distinct().ToList();
                return await db.Users.Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            case ReportBreakdown.Team:
                var teams = await db.Teams.Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
                return teams.ToDictionary(t => t.Id.ToString(), t => t.Name);
            case ReportBreakdown.Site:
                var sites = await db.Sites.Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
                return sites.ToDictionary(s => s.Id.ToString(), s => s.Name);
            default:
                return new Dictionary<string, string>();
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
