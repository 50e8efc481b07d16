using Portal.Features.Conversations;
using Portal.Features.Routing;
using static Portal.Features.Routing.RoutingTriggers;

namespace Portal.Tests.Features.Routing;

/// <summary>Which conversation events set routing off, and which leave the queue alone.</summary>
public sealed class RoutingTriggersTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_customer_writing_into_a_conversation_nobody_has_queues_it()
    {
        var unowned = Conversation();

        Assert.Equal(RoutingWork.Enqueue, RoutingWorkFor(new MessageAdded(Message(unowned, MessageAuthor.Customer), unowned)));
    }

    [Fact]
    public void A_customer_writing_while_the_bot_answers_or_already_queued_sets_off_nothing()
    {
        var withBot = Conversation() with { BotActive = true };
        var queued = Conversation() with { QueuedAt = Now };

        Assert.Equal(RoutingWork.None, RoutingWorkFor(new MessageAdded(Message(withBot, MessageAuthor.Customer), withBot)));
        Assert.Equal(RoutingWork.None, RoutingWorkFor(new MessageAdded(Message(queued, MessageAuthor.Customer), queued)));
    }

    [Fact]
    public void A_message_in_a_queued_conversation_does_not_send_the_queue_round_again()
    {
        var queued = Conversation() with { QueuedAt = Now, LastSeq = 7, Unread = 3 };

        Assert.Equal(RoutingWork.None, RoutingWorkFor(new ConversationChanged(queued, Queue: QueueEffect.Unchanged)));
    }

    [Fact]
    public void An_agent_reply_taking_a_waiting_conversation_has_those_behind_told_their_new_places()
    {
        var taken = Conversation() with { AssigneeId = "agent-1" };

        Assert.Equal(RoutingWork.RefreshPlaces, RoutingWorkFor(new ConversationChanged(taken, Queue: QueueEffect.Left)));
    }

    [Fact]
    public void A_conversation_put_back_in_the_queue_leaving_someone_or_closing_sends_the_queue_round_again()
    {
        var requeued = Conversation() with { QueuedAt = Now };
        var released = Conversation() with { AssigneeId = "agent-2" };
        var closed = Conversation() with { Status = ConversationStatus.Closed, AssigneeId = "agent-1" };

        Assert.Equal(RoutingWork.Drain, RoutingWorkFor(new ConversationChanged(requeued)));
        Assert.Equal(RoutingWork.Drain, RoutingWorkFor(new ConversationChanged(released, PreviousAssigneeId: "agent-1")));
        Assert.Equal(RoutingWork.Drain, RoutingWorkFor(new ConversationChanged(closed)));
    }

    private static ConversationDto Conversation() => new(
        Guid.NewGuid(), Guid.NewGuid(), "Demo Shop", Guid.NewGuid(), "王芳", ConversationStatus.Open, null, null, null, null, null,
        "web", 1, 1, "Where is my order?", Now, Now, Now, BotActive: false, null);

    private static MessageDto Message(ConversationDto conversation, MessageAuthor author) =>
        new(Guid.NewGuid(), conversation.Id, conversation.LastSeq, author, "王芳", "Where is my order?", false, null, Now);
}
