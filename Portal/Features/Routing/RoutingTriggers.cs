using Portal.Data;
using Portal.Features.Conversations;
using Portal.Features.Shifts;

namespace Portal.Features.Routing;

/// <summary>
/// What sets routing off: a customer writing into an unassigned conversation the bot is not answering (the bot hands
/// over through <see cref="RoutingQueue.EnqueueAndRouteAsync"/>), capacity freeing up, and agents
/// coming online (or going offline, when their conversations should go back to the queue).
/// </summary>
public sealed class RoutingTriggers(ConversationEvents events, PresenceNotifier presence, RoutingQueue queue) : IHostedService
{
    private IDisposable? _conversations;
    private IDisposable? _presence;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _conversations = events.Subscribe(OnEventAsync);
        _presence = presence.Subscribe(OnPresenceAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _conversations?.Dispose();
        _presence?.Dispose();
        return Task.CompletedTask;
    }

    private Task OnPresenceAsync(PresenceChanged change)
    {
        if (change.Presence == Presence.Online)
            queue.RequestDrain();
        else if (change.Presence == Presence.Offline)
            queue.Release(change.UserId);
        return Task.CompletedTask;
    }

    private Task OnEventAsync(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageAdded { Message.Author: MessageAuthor.Customer, Conversation: { AssigneeId: null, QueuedAt: null, BotActive: false } conversation }
                when conversation.Status != ConversationStatus.Closed:
                queue.Enqueue(conversation.Id);
                break;
            case ConversationChanged { PreviousAssigneeId: not null }:
            case ConversationChanged { Conversation.Status: ConversationStatus.Closed }:
            case ConversationChanged { Conversation: { AssigneeId: null, QueuedAt: not null } }:
                queue.RequestDrain();
                break;
        }
        return Task.CompletedTask;
    }
}
