namespace Portal.Features.Conversations;

public enum ConversationStatus { Open, Pending, Closed }

/// <summary>One thread between a contact and the shop, on one channel.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public Guid ContactId { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;

    /// <summary>The agent (user id) who owns the conversation, or null while unassigned.</summary>
    public string? AssigneeId { get; set; }

    /// <summary>The team whose queue the conversation belongs to, if routed to a team.</summary>
    public Guid? TeamId { get; set; }

    /// <summary>Since when the conversation waits in its queue for an agent; null once assigned.</summary>
    public DateTime? QueuedAt { get; set; }
    public DateTime? AssignedAt { get; set; }
    public string Channel { get; set; } = Channels.Web;

    /// <summary>The bot answers the customer (set from the site when the conversation starts); false once a person has it.</summary>
    public bool BotActive { get; set; }

    /// <summary>What the bot learned before it handed over (intent, slots, what it tried), pinned for the agent.</summary>
    public string? HandoverSummary { get; set; }
    public DateTime? HandedOverAt { get; set; }

    /// <summary>
    /// Since when the customer waits for a person's first answer: their first message while no bot has the conversation,
    /// or the bot's handover. Null until then; first-response time is measured from here.
    /// </summary>
    public DateTime? AwaitingAgentSince { get; set; }

    /// <summary>When a person first answered the customer publicly.</summary>
    public DateTime? FirstRespondedAt { get; set; }

    /// <summary>When the conversation was last closed; null while it is open.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>The seq of the newest message; the next message gets <c>LastSeq + 1</c>.</summary>
    public long LastSeq { get; set; }

    /// <summary>Customer messages no agent has read yet.</summary>
    public int UnreadByAgents { get; set; }

    /// <summary>The highest seq the customer has seen.</summary>
    public long CustomerReadSeq { get; set; }
    public string? LastMessagePreview { get; set; }
    public DateTime? LastMessageAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime LastActivityAt { get; set; } = DateTime.UtcNow;
}

public static class Channels
{
    public const string Web = "web";
}
