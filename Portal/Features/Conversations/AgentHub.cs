using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Features.Monitoring;
using Portal.Features.Shifts;
using Portal.Features.Team;

namespace Portal.Features.Conversations;

/// <summary>The agents' real-time connection, <c>/hubs/agent</c> (SPEC §4.4); cookie or bearer token.</summary>
[Authorize(Policy = PermissionPolicies.Staff)]
public sealed class AgentHub(
    ConversationMessages messages, ConversationEvents events, AgentPresence agentPresence, PortalMetrics metrics) : Hub
{
    public const string Path = "/hubs/agent";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationAudience.AgentsGroup);
        metrics.ConnectionOpened("agent");
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed("agent");
        return Task.CompletedTask;
    }

    public async Task<MessageDto> Reply(Guid conversationId, string? clientMessageId, string? text)
    {
        var agent = CurrentAgent.From(Context.User!);
        try
        {
            var result = await messages.AppendAsync(new NewMessage(
                conversationId, MessageAuthor.Agent, agent.Id, agent.Name, text ?? "", clientMessageId));
            return result.Message;
        }
        catch (MessageRejectedException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (ConversationNotFoundException ex)
        {
            throw new HubException(ex.Message);
        }
    }

    public Task Typing(Guid conversationId, bool isTyping)
    {
        var agent = CurrentAgent.From(Context.User!);
        return events.PublishAsync(new TypingChanged(conversationId, "agent", agent.Id, agent.Name, isTyping));
    }

    /// <summary>The agent sets their presence: "online", "away" or "offline".</summary>
    public Task SetPresence(string? presence) =>
        AgentPresence.TryParse(presence, out var value)
            ? agentPresence.SetAsync(CurrentAgent.From(Context.User!).Id, value)
            : throw new HubException($"Unknown presence \"{presence}\"; use online, away or offline.");
}
