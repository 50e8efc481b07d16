namespace Portal.Features.Bot.Dialogue;

/// <summary>One customer message for the bot to answer, with what it needs to know of the conversation.</summary>
public sealed record BotTurn(Guid ConversationId, Guid MessageId, long Seq, Guid SiteId, string ShopName, string Text);

/// <summary>
/// The bot's answer: the text to send, and the reason to hand over to a person when it does (the handover adds what
/// happens next); <paramref name="Engine"/> is <c>embedded</c> or <c>llm</c>; <see cref="Classification"/> is how the
/// intent model read the message (kept for annotation).
/// </summary>
public sealed record BotReply(string Text, string? HandoverReason, string Engine)
{
    public IntentClassification? Classification { get; init; }
}
