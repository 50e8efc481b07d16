using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Conversations;
using Portal.Features.Routing;
using Portal.Features.Team;

namespace Portal.Features.Bot.Handover;

/// <summary>Agents and admins turning the bot on or off, for one conversation or a whole site.</summary>
public sealed class BotSwitch(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    ConversationActions actions,
    RoutingQueue routing,
    AuditTrail audit)
{
    /// <summary>
    /// On: the bot answers the conversation again (it leaves its agent and queue). Off: people answer it, so it is
    /// routed at once when nobody has it.
    /// </summary>
    /// <exception cref="ConversationNotFoundException"/>
    public async Task<ConversationDto> SetForConversationAsync(Guid conversationId, bool active, CancellationToken cancellationToken)
    {
        var changed = await actions.SetBotActiveAsync(conversationId, active, cancellationToken);
        if (active || changed.AssigneeId is not null || changed.Status == ConversationStatus.Closed)
            return changed;
        await routing.EnqueueAndRouteAsync(conversationId);
        return changed;
    }

    /// <summary>
    /// Whether the bot answers the site's new conversations first. Turning it off also gives the conversations the bot
    /// has now to people, so nobody is left talking to a bot that was switched off.
    /// </summary>
    /// <exception cref="TeamNotFoundException">There is no such site.</exception>
    public async Task<bool> SetForSiteAsync(Guid siteId, bool enabled, AuditActor actor, CancellationToken cancellationToken)
    {
        bool before;
        List<Guid> withBot;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, cancellationToken)
                ?? throw new TeamNotFoundException($"There is no site with id {siteId}.");
            before = site.BotEnabled;
            site.BotEnabled = enabled;
            await db.SaveChangesAsync(cancellationToken);
            withBot = enabled ? [] : await db.Conversations
                .Where(c => c.SiteId == siteId && c.BotActive && c.Status != ConversationStatus.Closed)
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }
        await audit.RecordAsync(actor, "site.bot.changed", $"site:{siteId}", new { botEnabled = before }, new { botEnabled = enabled }, cancellationToken);
        foreach (var conversationId in withBot)
            await SetForConversationAsync(conversationId, active: false, cancellationToken);
        return enabled;
    }
}
