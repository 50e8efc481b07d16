using Portal.Features.Conversations;

namespace Portal.Features.Routing;

/// <summary>What sets routing off: a customer writing into an unassigned conversation, and capacity freeing up.</summary>
public sealed class RoutingTriggers(ConversationEvents events, RoutingQueue queue) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(OnEventAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task OnEventAsync(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageAdded { Message.Author: MessageAuthor.Customer, Conversation: { AssigneeId: null, QueuedAt: null } conversation }
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
