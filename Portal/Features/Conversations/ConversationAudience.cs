using Microsoft.AspNetCore.SignalR;
using Portal.Features.Monitoring;
using Portal.Features.Widget;

namespace Portal.Features.Conversations;

/// <summary>
/// Decides who hears about each conversation event and pushes it to the hubs:
/// the customer's widget connections get the public side of their own conversation,
/// agents get everything (SPEC §4.4). This is the one place that decides it.
/// </summary>
public sealed class ConversationAudience(
    ConversationEvents events,
    IHubContext<WidgetHub> widgets,
    IHubContext<AgentHub> agents,
    PortalMetrics metrics) : IHostedService
{
    public const string AgentsGroup = "agents";

    private IDisposable? _subscription;

    public static string WidgetGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(DeliverAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    internal async Task DeliverAsync(ConversationEvent @event)
    {
        var widget = widgets.Clients.Group(WidgetGroup(@event.ConversationId));
        var team = agents.Clients.Group(AgentsGroup);
        switch (@event)
        {
            case MessageAdded { Message: var message }:
                var toWidget = message.Private ? Task.CompletedTask : widget.SendAsync("message", message);
                await Task.WhenAll(toWidget, team.SendAsync("message", message));
                metrics.MessageDelivered(message);
                break;
            case ConversationChanged { Conversation: var conversation }:
                await team.SendAsync("conversation", conversation);
                break;
            case ConversationClosed closed:
                await widget.SendAsync("closed", new { conversationId = closed.ConversationId });
                break;
            case TypingChanged { Author: "customer" } typing:
                await team.SendAsync("typing", new { conversationId = typing.ConversationId, author = typing.Author, isTyping = typing.IsTyping });
                break;
            case TypingChanged typing:
                await widget.SendAsync("typing", new { author = typing.Author, authorName = typing.AgentName, isTyping = typing.IsTyping });
                await team.SendAsync("typing", new { conversationId = typing.ConversationId, author = typing.Author, agentId = typing.AgentId, isTyping = typing.IsTyping });
                break;
        }
    }
}
