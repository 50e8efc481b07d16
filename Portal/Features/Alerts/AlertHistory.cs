using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Alerts;

/// <summary>A page of the alert history, newest first.</summary>
public sealed record AlertPage(IReadOnlyList<AlertDto> Items, int Total, int Page, int PageSize);

/// <summary>Reads the alerts and their history, and acknowledges them (audit-logged).</summary>
public sealed class AlertHistory(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, AlertNotifier notifier,
    TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>Alerts in <paramref name="state"/> (or all), newest first; <paramref name="page"/> counts from 1.</summary>
    public async Task<AlertPage> ListAsync(AlertState? state, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alerts = db.Alerts.AsNoTracking().Where(a => state == null || a.State == state);
        var total = await alerts.CountAsync(ct);
        var items = await alerts.OrderByDescending(a => a.FiredAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AlertPage(items.Select(AlertDto.Of).ToList(), total, page, pageSize);
    }

    /// <summary>The firing and acknowledged alerts, newest first.</summary>
    public async Task<IReadOnlyList<AlertDto>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Alerts.AsNoTracking().Where(a => a.State != AlertState.Resolved).OrderByDescending(a => a.FiredAt).ToListAsync(ct);
        return open.Select(AlertDto.Of).ToList();
    }

    /// <summary>Alerts nobody has acknowledged yet: the number on the layout's badge.</summary>
    public async Task<int> FiringCountAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.CountAsync(a => a.State == AlertState.Firing, ct);
    }

    /// <summary>Marks a firing alert as seen by <paramref name="actor"/>; it still resolves by itself when its condition clears.</summary>
    /// <exception cref="AlertNotFoundException">No alert has this id.</exception>
    /// <exception cref="AlertValidationException">The alert is already acknowledged or resolved.</exception>
    public async Task<AlertDto> AcknowledgeAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        AlertDto acknowledged;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new AlertNotFoundException($"There is no alert {id}.");
            if (alert.State != AlertState.Firing)
                throw new AlertValidationException(new() { ["state"] = [$"The alert is {alert.State.ToString().ToLowerInvariant()}, not firing."] });
            alert.State = AlertState.Acknowledged;
            (alert.AcknowledgedById, alert.AcknowledgedByName, alert.AcknowledgedAt) = (actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
            await audit.AppendAsync(db, actor, "alerts.acknowledged", $"alert:{id}", new { State = AlertState.Firing },
                new { alert.State, alert.RuleName, alert.LastValue }, ct);
            await db.SaveChangesAsync(ct);
            acknowledged = AlertDto.Of(alert);
        }
        await notifier.PublishAsync(new AlertChanged(AlertChange.Acknowledged, acknowledged));
        return acknowledged;
    }
}
