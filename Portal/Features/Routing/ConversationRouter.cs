using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;
using Portal.Features.Settings;

namespace Portal.Features.Routing;

/// <summary>
/// Gives queued conversations to available agents, oldest first: an agent is available when their account is usable,
/// they are online, and below their capacity (and in the conversation's team, when it has one). Callers go through
/// <see cref="RoutingQueue"/>, which runs one routing pass at a time.
/// </summary>
public sealed class ConversationRouter(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    SettingsStore settings,
    ConversationActions actions,
    QueueAnnouncer announcer,
    TimeProvider clock,
    ILogger<ConversationRouter> logger)
{
    /// <summary>Puts a new, unassigned conversation into its queue (the default team's, if set).</summary>
    public async Task EnqueueAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var routing = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is { AssigneeId: null, QueuedAt: null } && conversation.Status != ConversationStatus.Closed)
            await actions.QueueAsync(conversationId, conversation.TeamId ?? routing.DefaultTeamId, cancellationToken);
    }

    /// <summary>Assigns as many queued conversations as there is capacity for, oldest first, then tells waiting customers where they stand.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var routing = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken);
        if (routing.AutoAssign)
            await AssignQueuedAsync(cancellationToken);
        await announcer.AnnounceAsync(routing, cancellationToken);
    }

    private async Task AssignQueuedAsync(CancellationToken cancellationToken)
    {
        var queued = await announcer.QueuedAsync(cancellationToken);
        if (queued.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var candidates = await AvailableAgentsAsync(db, cancellationToken);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, cancellationToken);
        var members = (await db.TeamMembers.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(m => m.TeamId).ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToHashSet());

        foreach (var conversation in queued)
        {
            var team = conversation.TeamId is { } teamId ? teams.GetValueOrDefault(teamId) : null;
            var pool = team is null ? candidates.Values : candidates.Values.Where(c => members.GetValueOrDefault(team.Id)?.Contains(c.UserId) == true);
            var choice = RoutingChoice.Choose(pool, team?.Mode ?? RoutingMode.Balanced, team?.LastAssignedUserId);
            if (choice is null)
                continue;
            if (!await actions.AssignIfUnassignedAsync(conversation.ConversationId, choice.UserId, cancellationToken))
                continue;
            candidates[choice.UserId] = choice with { Load = choice.Load + 1, LastAssignedAt = clock.GetUtcNow().UtcDateTime };
            if (team is not null)
                team.LastAssignedUserId = choice.UserId;
            await announcer.AnnounceAssignedAsync(conversation.ConversationId, cancellationToken);
            logger.LogDebug("Routed conversation {Conversation} to {Agent}", conversation.ConversationId, choice.UserId);
        }
        using (await writeGate.EnterAsync(cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Dictionary<string, RoutingCandidate>> AvailableAgentsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var online = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Presence == Presence.Online
                && (u.ActiveFrom == null || u.ActiveFrom <= now) && (u.ActiveUntil == null || u.ActiveUntil > now))
            .Select(u => new { u.Id, u.Capacity, u.LastAssignedAt })
            .ToListAsync(cancellationToken);
        var loads = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId != null && c.Status != ConversationStatus.Closed)
            .GroupBy(c => c.AssigneeId!)
            .Select(g => new { UserId = g.Key, Load = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Load, cancellationToken);
        return online.ToDictionary(u => u.Id, u => new RoutingCandidate(u.Id, loads.GetValueOrDefault(u.Id), u.Capacity, u.LastAssignedAt));
    }
}
