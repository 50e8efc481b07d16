using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;
using Portal.Features.Settings;
using Portal.Features.Shifts;

namespace Portal.Features.Routing;

/// <summary>
/// Gives queued conversations to available agents, oldest first: an agent is available when their account is usable,
/// they are on shift and online, and below their capacity (and in the conversation's team, when it has one). Callers go through
/// <see cref="RoutingQueue"/>, which runs one routing pass at a time on this node; <see cref="ClusterLock"/> runs one at a
/// time across nodes.
/// </summary>
public sealed class ConversationRouter(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    ClusterLock clusterLock,
    SettingsStore settings,
    ConversationActions actions,
    QueueAnnouncer announcer,
    AgentRoster roster,
    TimeProvider clock,
    ILogger<ConversationRouter> logger)
{
    // A pass takes milliseconds; waiting longer means another node is stuck, and the next trigger or the job tries again.
    private static readonly TimeSpan WaitForAnotherNode = TimeSpan.FromSeconds(30);

    /// <summary>Puts a new, unassigned conversation into its queue (the default team's, if set).</summary>
    public async Task EnqueueAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var routing = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is { AssigneeId: null, QueuedAt: null } && conversation.Status != ConversationStatus.Closed)
            await actions.QueueAsync(conversationId, conversation.TeamId ?? routing.DefaultTeamId, cancellationToken);
    }

    /// <summary>
    /// When <see cref="RoutingSettings.UnassignWhenOffline"/> is on, puts the agent's open conversations back in their
    /// queues (keeping their team), so customers are not left with someone who has gone.
    /// </summary>
    public async Task ReleaseAsync(string userId, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken)).UnassignWhenOffline)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Conversations.AsNoTracking()
            .Where(c => c.AssigneeId == userId && c.Status != ConversationStatus.Closed)
            .Select(c => new { c.Id, c.TeamId }).ToListAsync(cancellationToken);
        foreach (var conversation in open)
            await actions.QueueAsync(conversation.Id, conversation.TeamId, cancellationToken);
    }

    /// <summary>
    /// Assigns as many queued conversations as there is capacity for, oldest first, then tells waiting customers
    /// where they stand; returns how many still wait.
    /// </summary>
    /// <remarks>
    /// The whole pass (read agents' load and capacity, assign, save the teams' round-robin turn, announce) holds the cluster
    /// lock: two nodes reading an agent at 4 of 5 at once would each give them a fifth. The conditional assignment alone
    /// keeps one agent per conversation; the lock keeps agents within capacity and the round-robin turn in order.
    /// </remarks>
    public Task<int> DrainAsync(CancellationToken cancellationToken) =>
        clusterLock.RunExclusiveAsync("routing", WaitForAnotherNode, async ct =>
        {
            var routing = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, ct);
            if (routing.AutoAssign)
                await AssignQueuedAsync(ct);
            return await announcer.AnnounceAsync(routing, ct);
        }, cancellationToken);

    private async Task AssignQueuedAsync(CancellationToken cancellationToken)
    {
        var queued = await announcer.QueuedAsync(cancellationToken);
        if (queued.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var candidates = (await roster.AvailableAgentsAsync(clock.GetUtcNow(), cancellationToken))
            .ToDictionary(a => a.UserId, a => new RoutingCandidate(a.UserId, a.Load, a.Capacity, a.LastAssignedAt));
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
}
