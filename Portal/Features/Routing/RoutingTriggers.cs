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
        switch (RoutingWorkFor(@event))
        {
            case RoutingWork.Enqueue:
                queue.Enqueue(@event.ConversationId);
                break;
            case RoutingWork.Drain:
                queue.RequestDrain();
                break;
            case RoutingWork.RefreshPlaces:
                queue.RequestPlacesRefresh();
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// What an event sets off: a customer writing into a conversation nobody has and the bot is not answering joins the
    /// queue; a conversation leaving someone, closing (capacity frees up) or put back in the queue sends the queue round
    /// again; an agent's reply taking a waiting conversation frees no room but moves those behind it up, so they hear
    /// their new places shortly. Any other message's change to its conversation sets off nothing (a pass per message,
    /// each reading the whole queue, took a quarter of the server's CPU with 4,000 waiting).
    /// </summary>
    internal static RoutingWork RoutingWorkFor(ConversationEvent @event) => @event switch
    {
        MessageAdded { Message.Author: MessageAuthor.Customer, Conversation: { AssigneeId: null, QueuedAt: null, BotActive: false } conversation }
            when conversation.Status != ConversationStatus.Closed => RoutingWork.Enqueue,
        ConversationChanged { Queue: QueueEffect.Left } => RoutingWork.RefreshPlaces,
        ConversationChanged { Queue: QueueEffect.Unchanged } => RoutingWork.None,
        ConversationChanged { PreviousAssigneeId: not null }
            or ConversationChanged { Conversation.Status: ConversationStatus.Closed }
            or ConversationChanged { Conversation: { AssigneeId: null, QueuedAt: not null } } => RoutingWork.Drain,
        _ => RoutingWork.None,
    };

    internal enum RoutingWork { None, Enqueue, Drain, RefreshPlaces }
}
