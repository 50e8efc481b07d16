namespace Portal.Features.Conversations;

/// <summary>The public shape of a message (SPEC §4.2), sent by the API and both hubs.</summary>
public sealed record MessageDto(
    Guid Id,
    Guid ConversationId,
    long Seq,
    MessageAuthor Author,
    string AuthorName,
    string Text,
    bool Private,
    string? ClientMessageId,
    DateTime SentAt)
{
    public static MessageDto From(Message m) =>
        new(m.Id, m.ConversationId, m.Seq, m.Author, m.AuthorName, m.Text, m.Private, m.ClientMessageId, m.SentAt);
}
