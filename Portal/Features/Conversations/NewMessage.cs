namespace Portal.Features.Conversations;

/// <summary>A message to append to a conversation; <see cref="AuthorId"/> is the agent's or contact's id.</summary>
public sealed record NewMessage(
    Guid ConversationId,
    MessageAuthor Author,
    string? AuthorId,
    string AuthorName,
    string Text,
    string? ClientMessageId = null,
    bool Private = false);

/// <summary>
/// The stored message and whether this call stored it (false: an earlier send with the same clientMessageId did);
/// <see cref="LeftQueue"/>: it took its conversation out of the routing queue (an agent answered a waiting customer).
/// </summary>
public sealed record AppendResult(MessageDto Message, bool Created, bool LeftQueue = false);
