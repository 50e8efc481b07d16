using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;
using Portal.Features.Settings;
using Portal.Features.Shifts;
using Portal.Features.Widget;

namespace Portal.Features.Routing;

/// <summary>
/// A waiting customer's place in line: 1 is next; 0 means an agent has the conversation. The estimate is null while no
/// agent who could take it is available (an estimate then would be a guess the customer might hold us to).
/// </summary>
public sealed record QueuePosition(int Position, int? EstimatedWaitSeconds);

/// <summary>Tells waiting customers their place in the queue and roughly how long it will take (widget event <c>queue</c>).</summary>
public sealed class QueueAnnouncer(
    IDbContextFactory<PortalDbContext> dbFactory, SettingsStore settings, AgentRoster roster, IHubContext<WidgetHub> widgets, TimeProvider clock)
{
    // What each waiting customer was last told. Every routing pass announces, and a pass runs for every conversation that
    // joins the queue: telling all of them again each time made a sales-day queue of thousands cost thousands of pushes
    // per arrival. (Per node: another node's announcements are not known here, so a place may be told twice, never skipped
    // for long — the next change is told again.)
    private readonly ConcurrentDictionary<Guid, QueuePosition> _told = new();

    private const int PushesBetweenPauses = 32;

    /// <summary>Tells every waiting customer whose place or estimate changed since they were last told; returns how many are waiting.</summary>
    public async Task<int> AnnounceAsync(RoutingSettings routing, CancellationToken cancellationToken)
    {
        var positions = await PositionsAsync(routing, cancellationToken);
        foreach (var gone in _told.Keys.Where(id => !positions.ContainsKey(id)))
            _told.TryRemove(gone, out _);
        var pushed = 0;
        foreach (var (conversationId, position) in positions)
        {
            if (_told.TryGetValue(conversationId, out var told) && told == position)
                continue;
            await widgets.Clients.Group(ConversationAudience.WidgetGroup(conversationId)).SendAsync("queue", position, cancellationToken);
            _told[conversationId] = position;
            // Places are news, messages are urgent: thousands of pushes at once queued every message behind them (p99
            // 78 -> 166 ms at 1,000 messages/s with 4,000 waiting); a pause every few lets the messages in between.
            if (++pushed % PushesBetweenPauses == 0)
                await Task.Yield();
        }
        return positions.Count;
    }

    /// <summary>Tells one newly connected widget where its conversation stands, if it is waiting.</summary>
    public async Task AnnounceToAsync(Guid conversationId, string connectionId)
    {
        // Every widget connect comes through here: most conversations are not waiting, so ask that first and cheaply.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (!await db.Conversations.AnyAsync(c => c.Id == conversationId && c.QueuedAt != null && c.AssigneeId == null))
                return;
        }
        var routing = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key);
        if ((await PositionsAsync(routing, CancellationToken.None)).TryGetValue(conversationId, out var position))
            await widgets.Clients.Client(connectionId).SendAsync("queue", position);
    }

    public Task AnnounceAssignedAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        _told.TryRemove(conversationId, out _);
        return widgets.Clients.Group(ConversationAudience.WidgetGroup(conversationId)).SendAsync("queue", new QueuePosition(0, 0), cancellationToken);
    }

    /// <summary>
    /// Every waiting conversation's place in its queue (oldest first). The estimate assumes the agents who could take
    /// it each finish a conversation every <see cref="RoutingSettings.AverageHandleMinutes"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, QueuePosition>> PositionsAsync(RoutingSettings routing, CancellationToken cancellationToken) =>
        await PositionsAsync(routing, await QueuedAsync(cancellationToken), cancellationToken);

    /// <summary>The places of <paramref name="queued"/> (as <see cref="QueuedAsync"/> read them), so a caller listing the queue
    /// reads it once and every conversation it lists has its place.</summary>
    public async Task<IReadOnlyDictionary<Guid, QueuePosition>> PositionsAsync(
        RoutingSettings routing, IReadOnlyList<(Guid ConversationId, Guid? TeamId)> queued, CancellationToken cancellationToken)
    {
        if (queued.Count == 0)
            return new Dictionary<Guid, QueuePosition>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var onlineIds = (await roster.AvailableAgentsAsync(clock.GetUtcNow(), cancellationToken)).Select(a => a.UserId).ToHashSet();
        var members = (await db.TeamMembers.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(m => m.TeamId).ToDictionary(g => g.Key, g => g.Count(m => onlineIds.Contains(m.UserId)));

        var positions = new Dictionary<Guid, QueuePosition>();
        foreach (var queue in queued.GroupBy(c => c.TeamId))
        {
            var agents = queue.Key is { } teamId ? members.GetValueOrDefault(teamId) : onlineIds.Count;
            var place = 0;
            foreach (var conversation in queue)
            {
                place++;
                int? waitSeconds = agents == 0 ? null : (int)Math.Ceiling((double)place / agents * routing.AverageHandleMinutes * 60);
                positions[conversation.ConversationId] = new QueuePosition(place, waitSeconds);
            }
        }
        return positions;
    }

    /// <summary>Waiting conversations, oldest first.</summary>
    public async Task<IReadOnlyList<(Guid ConversationId, Guid? TeamId)>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.QueuedAt != null && c.AssigneeId == null && c.Status != ConversationStatus.Closed)
            .OrderBy(c => c.QueuedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.TeamId })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => (r.Id, r.TeamId));
    }
}
