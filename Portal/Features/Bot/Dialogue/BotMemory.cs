namespace Portal.Features.Bot.Dialogue;

/// <summary>
/// What the bot remembers of one conversation between turns: the slots the customer filled (an order number given two
/// messages ago still counts), the question it is waiting on, and how the conversation has gone so far.
/// </summary>
public sealed class BotMemory
{
    public Guid ConversationId { get; set; }

    /// <summary>The locale the bot answers in (zh-Hans, zh-Hant or en), following the customer's writing.</summary>
    public string Locale { get; set; } = ReplyLocales.Simplified;
    public string? OrderNumber { get; set; }
    public string? Phone { get; set; }
    public string? Product { get; set; }
    public string? Size { get; set; }
    public string? Colour { get; set; }

    /// <summary>The intent whose answer waits for <see cref="AwaitingSlot"/> (e.g. order_status waiting for an order number).</summary>
    public string? PendingIntent { get; set; }
    public string? AwaitingSlot { get; set; }

    /// <summary>Turns in a row the bot did not understand; two make it hand over.</summary>
    public int UnclearTurns { get; set; }
    public string? LastIntent { get; set; }
    public double LastConfidence { get; set; }

    /// <summary>What the bot answered so far (intent ids, in order, without repeats), for the handover summary.</summary>
    public List<string> Answered { get; set; } = [];
    public int Turns { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The slots the bot can ask for.</summary>
public static class Slots
{
    public const string OrderNumber = "order_number";
    public const string Product = "product";
}
