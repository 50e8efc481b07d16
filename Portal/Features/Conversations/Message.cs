namespace Portal.Features.Conversations;

public enum MessageAuthor { Customer, Agent, Bot, System }

/// <summary>A stored message (SPEC §4.2).</summary>
public sealed class Message
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }

    /// <summary>Position in the conversation: 1, 2, 3, … in the order the server accepted messages, without gaps.</summary>
    public long Seq { get; set; }
    public MessageAuthor Author { get; set; }

    /// <summary>The agent's user id for agent messages, the contact id for customer messages.</summary>
    public string? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>A note only agents see.</summary>
    public bool Private { get; set; }
    public string? ClientMessageId { get; set; }
    public DateTime SentAt { get; set; } = DateTime.UtcNow;
}
