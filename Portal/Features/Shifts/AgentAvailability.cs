using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;

namespace Portal.Features.Shifts;

/// <summary>An agent routing may give a conversation: on shift, online, with their capacity and current load.</summary>
public sealed record AgentAvailability(string UserId, string Name, int Capacity, int Load, DateTime? LastAssignedAt);

/// <summary>Someone whose shift covers now, whatever their presence ("who is on now").</summary>
public sealed record OnShiftAgent(
    string UserId, string Name, string TemplateName, DateTime ShiftStart, DateTime ShiftEnd, Presence Presence, int Load, int Capacity);

/// <summary>Who is on shift at an instant, joined with their account, presence and open conversations.</summary>
public sealed class AgentRoster(IDbContextFactory<PortalDbContext> dbFactory, ShiftCalendar calendar)
{
    /// <summary>Active, usable users whose shift covers <paramref name="at"/> and whose presence is Online.</summary>
    public async Task<IReadOnlyList<AgentAvailability>> AvailableAgentsAsync(DateTimeOffset at, CancellationToken ct = default) =>
        (await OnShiftAsync(at, ct))
            .Where(a => a.Presence == Presence.Online)
            .Select(a => new AgentAvailability(a.Agent.UserId, a.Agent.Name, a.Agent.Capacity, a.Agent.Load, a.LastAssignedAt))
            .ToList();

    /// <summary>Active, usable users whose shift covers <paramref name="at"/>, by name.</summary>
    public async Task<IReadOnlyList<OnShiftAgent>> OnNowAsync(DateTimeOffset at, CancellationToken ct = default) =>
        (await OnShiftAsync(at, ct)).Select(a => a.Agent).ToList();

    private async Task<IReadOnlyList<(OnShiftAgent Agent, Presence Presence, DateTime? LastAssignedAt)>> OnShiftAsync(
        DateTimeOffset at, CancellationToken ct)
    {
        var utcDate = DateOnly.FromDateTime(at.UtcDateTime);
        var shifts = (await calendar.OccurrencesAsync(utcDate.AddDays(-2), utcDate.AddDays(1), ct))
            .Where(o => o.Covers(at)).GroupBy(o => o.UserId).ToDictionary(g => g.Key, g => g.First());
        if (shifts.Count == 0)
            return [];
        var ids = shifts.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var loads = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId) && c.Status != ConversationStatus.Closed)
            .GroupBy(c => c.AssigneeId!).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        return users
            .Where(u => u.IsUsableAt(at.UtcDateTime))
            .Select(u =>
            {
                var shift = shifts[u.Id];
                var agent = new OnShiftAgent(u.Id, ShiftSchedule.NameOf(u), shift.TemplateName, shift.Start.UtcDateTime, shift.End.UtcDateTime,
                    u.Presence, loads.GetValueOrDefault(u.Id), u.Capacity);
                return (agent, u.Presence, u.LastAssignedAt);
            })
            .OrderBy(a => a.agent.Name).ToList();
    }
}
