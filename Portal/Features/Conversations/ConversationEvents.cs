using System.Text.Json.Serialization;
using Portal.Hosting;

namespace Portal.Features.Conversations;

/// <summary>Something that happened to a conversation; relayed between nodes as JSON in scale-out mode.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(MessageAdded), "messageAdded")]
[JsonDerivedType(typeof(ConversationChanged), "conversationChanged")]
[JsonDerivedType(typeof(TypingChanged), "typingChanged")]
[JsonDerivedType(typeof(ConversationClosed), "conversationClosed")]
[JsonDerivedType(typeof(ContactChanged), "contactChanged")]
public abstract record ConversationEvent(Guid ConversationId);

/// <summary>A message was stored; <see cref="Conversation"/> is the conversation after it.</summary>
public sealed record MessageAdded(MessageDto Message, ConversationDto Conversation) : ConversationEvent(Message.ConversationId);

/// <summary>
/// A conversation changed; <see cref="PreviousAssigneeId"/> is set when it moved away from someone. <see cref="Queue"/>
/// says what a message's change did to the routing queue; an action's change is judged by the state it left.
/// </summary>
public sealed record ConversationChanged(ConversationDto Conversation, string? PreviousAssigneeId = null, QueueEffect Queue = QueueEffect.ByAction)
    : ConversationEvent(Conversation.Id);

/// <summary>What a change did to the routing queue.</summary>
public enum QueueEffect
{
    /// <summary>An action (assign, transfer, close, …): routing looks at the conversation's new state.</summary>
    ByAction,

    /// <summary>A message changed the conversation (last message, unread count) and left the queue as it was.</summary>
    Unchanged,

    /// <summary>A message took the conversation out of the queue: an agent answered a waiting customer.</summary>
    Left,
}

/// <summary>Someone is typing; <see cref="Author"/> is "customer" or "agent".</summary>
public sealed record TypingChanged(Guid ConversationId, string Author, string? AgentId, string? AgentName, bool IsTyping)
    : ConversationEvent(ConversationId);

/// <summary>An agent closed the conversation.</summary>
public sealed record ConversationClosed(Guid ConversationId) : ConversationEvent(ConversationId);

/// <summary>The customer's details (name, page, attributes) changed.</summary>
public sealed record ContactChanged(Guid ConversationId, Guid ContactId) : ConversationEvent(ConversationId);

/// <summary>
/// The in-process stream of conversation events. The hubs and the Blazor console subscribe to it;
/// whoever changes a conversation publishes here after the change is stored.
/// </summary>
public sealed class ConversationEvents(ILogger<ConversationEvents> logger) : EventStream<ConversationEvent>(logger);
