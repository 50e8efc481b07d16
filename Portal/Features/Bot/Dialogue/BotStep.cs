namespace Portal.Features.Bot.Dialogue;

/// <summary>What the bot does with a customer's message, before it looks anything up.</summary>
public abstract record BotStep
{
    /// <summary>Answer the intent with what the memory holds; <paramref name="AnswersBotQuestion"/>: the message answers what the bot asked.</summary>
    public sealed record Answer(string Intent, bool AnswersBotQuestion = false) : BotStep;

    /// <summary>Ask for a slot the intent needs (e.g. which order).</summary>
    public sealed record AskFor(string Slot, string Intent) : BotStep;

    /// <summary>Not understood: ask the customer to say it differently.</summary>
    public sealed record Clarify : BotStep;

    /// <summary>Nothing to read (emoji, punctuation): ask for words.</summary>
    public sealed record NothingToRead : BotStep;

    /// <summary>Give the conversation to a person; <paramref name="Reason"/> is a <see cref="HandoverReasons"/> value.</summary>
    public sealed record HandOver(string Reason) : BotStep;
}

/// <summary>Why the bot handed over; each has a reply template <c>handover.reason.&lt;reason&gt;</c>.</summary>
public static class HandoverReasons
{
    public const string HumanAgent = Intents.HumanAgent;
    public const string Complaint = Intents.Complaint;
    public const string Unclear = "unclear";
    public const string ConfiguredIntent = "intent";
    public const string OrderChange = "order_change";
    public const string BotOff = "bot_off";
    public const string BotError = "bot_error";
    public const string Assistant = "assistant";

    public static string Describe(string reason) => reason switch
    {
        HumanAgent => "the customer asked for a person",
        Complaint => "the customer complained",
        Unclear => "the bot did not understand twice in a row",
        ConfiguredIntent => "the intent is set to go to a person",
        OrderChange => "the order must be changed or cancelled by a person",
        BotOff => "the bot is turned off",
        BotError => "the bot failed to answer",
        Assistant => "the LLM assistant decided a person should help",
        _ => reason,
    };
}
