using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Features.Monitoring;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Shifts;
using Portal.Features.Team;

namespace Portal.Features.Conversations;

/// <summary>The agents' real-time connection, <c>/hubs/agent</c> (SPEC §4.4); cookie or bearer token.</summary>
[Authorize(Policy = PermissionPolicies.Staff)]
public sealed class AgentHub(
    ConversationMessages messages, ConversationQueries queries, ConversationEvents events, AccessDirectory access,
    StaffSessions sessions, AgentPresence agentPresence, PortalMetrics metrics, MessageTracing tracing) : Hub
{
    public const string Path = "/hubs/agent";

    public override async Task OnConnectedAsync()
    {
        var viewer = await Viewer.ForAsync(Context.User!, access);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationAudience.StaffGroup);
        if (viewer.CanViewAll)
            await Groups.AddToGroupAsync(Context.ConnectionId, ConversationAudience.ViewAllGroup);
        sessions.HubConnected(viewer.UserId, Context);
        metrics.ConnectionOpened("agent");
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.HubDisconnected(CurrentAgent.From(Context.User!).Id, Context);
        metrics.ConnectionClosed("agent");
        return Task.CompletedTask;
    }

    public async Task<MessageDto> Reply(Guid conversationId, string? clientMessageId, string? text)
    {
        var agent = CurrentAgent.From(Context.User!);
        if (!(await access.GetAsync(agent.Id)).Has(Permissions.ConversationsReply))
            throw new HubException("You do not have permission to reply (conversations.reply).");
        var conversation = await RequireVisibleAsync(conversationId);
        using var trace = tracing.StartEntry(MessageSpans.AgentReply, conversationId, MessageAuthor.Agent, conversation.Channel);
        try
        {
            var result = await messages.AppendAsync(new NewMessage(
                conversationId, MessageAuthor.Agent, agent.Id, agent.Name, text ?? "", clientMessageId));
            trace.Stored(result.Message);
            return result.Message;
        }
        catch (Exception ex) when (ex is MessageRejectedException or ConversationNotFoundException)
        {
            trace.Failed(ex);
            throw new HubException(ex.Message);
        }
    }

    public async Task Typing(Guid conversationId, bool isTyping)
    {
        var agent = CurrentAgent.From(Context.User!);
        await RequireVisibleAsync(conversationId);
        await events.PublishAsync(new TypingChanged(conversationId, "agent", agent.Id, agent.Name, isTyping));
    }

    private async Task<ConversationDto> RequireVisibleAsync(Guid conversationId)
    {
        var conversation = await queries.FindAsync(conversationId)
            ?? throw new HubException($"Conversation {conversationId} does not exist.");
        var viewer = await Viewer.ForAsync(Context.User!, access);
        if (!viewer.CanSee(conversation))
            throw new HubException("This conversation is assigned to someone else; you may not see it (conversations.view.all).");
        return conversation;
    }

    /// <summary>The agent sets their presence: "online", "away" or "offline".</summary>
    public Task SetPresence(string? presence) =>
        AgentPresence.TryParse(presence, out var value)
            ? agentPresence.SetAsync(CurrentAgent.From(Context.User!).Id, value)
            : throw new HubException($"Unknown presence \"{presence}\"; use online, away or offline.");
}
