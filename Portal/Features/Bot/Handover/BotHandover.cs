using Portal.Features.Bot.Dialogue;
using Portal.Features.Conversations;
using Portal.Features.Routing;
using Portal.Features.Settings;
using Portal.Features.Shifts;

namespace Portal.Features.Bot.Handover;

/// <summary>
/// Gives a conversation from the bot to people: the bot stops, the summary is pinned, routing queues or assigns it at
/// once, and the customer is told what happens next (who has it, their place in line, or that the team is offline).
/// </summary>
public sealed class BotHandover(
    ConversationActions actions,
    ConversationQueries queries,
    RoutingQueue routing,
    QueueAnnouncer announcer,
    SettingsStore settings,
    AgentRoster roster,
    TimeProvider clock)
{
    /// <summary>
    /// Hands over with a summary of what the bot learned (<see cref="HandoverSummary"/>) and returns the sentence about
    /// what happens next, in the customer's locale.
    /// </summary>
    public async Task<string> HandOverAsync(BotMemory memory, string reason, string lastCustomerText, CancellationToken cancellationToken)
    {
        await actions.HandOverAsync(memory.ConversationId, HandoverSummary.Describe(memory, reason, lastCustomerText), cancellationToken);
        await routing.EnqueueAndRouteAsync(memory.ConversationId);
        return await WhatHappensNextAsync(memory.ConversationId, memory.Locale, cancellationToken);
    }

    private async Task<string> WhatHappensNextAsync(Guid conversationId, string locale, CancellationToken cancellationToken)
    {
        var conversation = await queries.FindAsync(conversationId, cancellationToken);
        if (conversation?.AssigneeName is { } agent)
            return ReplyTemplates.Render("handover.assigned", locale, ("agent", agent));
        if ((await roster.AvailableAgentsAsync(clock.GetUtcNow(), cancellationToken)).Count == 0)
            return ReplyTemplates.Render("handover.offline", locale);
        var routingSettings = await settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken);
        var positions = await announcer.PositionsAsync(routingSettings, cancellationToken);
        if (!positions.TryGetValue(conversationId, out var position))
            return ReplyTemplates.Render("handover.reason.bot_off", locale);
        // Agents are available, but none of the conversation's team.
        if (position.EstimatedWaitSeconds is not { } waitSeconds)
            return ReplyTemplates.Render("handover.offline", locale);
        var minutes = Math.Max(1, (int)Math.Ceiling(waitSeconds / 60.0)).ToString();
        return position.Position <= 1
            ? ReplyTemplates.Render("handover.next", locale, ("minutes", minutes))
            : ReplyTemplates.Render("handover.queued", locale, ("ahead", (position.Position - 1).ToString()), ("minutes", minutes));
    }
}
