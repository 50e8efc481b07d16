using System.Diagnostics;
using Portal.Features.Conversations;

namespace Portal.Features.Monitoring.Traces;

/// <summary>
/// The spans of a message's path through Portal (issue #5): an entry span per way in (<see cref="MessageSpans.HubSend"/>,
/// <see cref="MessageSpans.AgentReply"/>, <see cref="MessageSpans.ApiPostMessage"/>, …) with validation, storing, the bot,
/// routing and each delivery under it. Every method returns null (and costs next to nothing) when nobody listens, and the
/// steps also when no message is being traced, so none of them starts a trace of its own.
/// </summary>
public sealed class MessageTracing : IDisposable
{
    public const string SourceName = "Portal.Messages";

    /// <summary>This app's source. Each app has its own, so an app keeps only its own spans when several share a process.</summary>
    public ActivitySource Source { get; } = new(SourceName);

    /// <summary>The message trace this code runs in, to carry along to work done later elsewhere (none: default).</summary>
    public ActivityContext CurrentMessage => Activity.Current is { } current && current.Source == Source ? current.Context : default;

    /// <summary>The root span of a message coming in; tag it with <see cref="MessageSpanTags.Stored"/> once stored.</summary>
    public Activity? StartEntry(string name, Guid conversationId, MessageAuthor author, string channel)
    {
        var span = Source.StartActivity(name, ActivityKind.Server);
        span?.SetTag(MessageTags.ConversationId, conversationId.ToString())
            .SetTag(MessageTags.Author, Wire(author))
            .SetTag(MessageTags.Channel, channel);
        return span;
    }

    public Activity? StartValidate() => StartStep(MessageSpans.Validate);

    public Activity? StartStore(NewMessage message) => StartStep(MessageSpans.Store)
        ?.SetTag(MessageTags.ConversationId, message.ConversationId.ToString())
        .SetTag(MessageTags.Author, Wire(message.Author));

    /// <summary>
    /// The bot answering <paramref name="answered"/>, later and elsewhere: <paramref name="parent"/> is the context the
    /// customer's message was traced in, so the answer joins that trace even after its entry span ended.
    /// </summary>
    public Activity? StartBotReply(ActivityContext parent, MessageDto answered) =>
        Source.StartActivity(MessageSpans.BotReply, ActivityKind.Internal, parent)
            ?.SetTag(MessageTags.ConversationId, answered.ConversationId.ToString())
            .SetTag(MessageTags.ReplyTo, answered.Id.ToString());

    /// <summary>Routing done for a traced message in the routing queue's own loop; none when nothing was traced.</summary>
    public Activity? StartRoute(ActivityContext parent, Guid conversationId) =>
        parent == default ? null : Source.StartActivity(MessageSpans.Route, ActivityKind.Internal, parent)
            ?.SetTag(MessageTags.ConversationId, conversationId.ToString());

    /// <summary>Runs <paramref name="send"/> in a <see cref="MessageSpans.Deliver"/> span of its own (deliveries may run side by side).</summary>
    public async Task DeliverAsync(string recipient, MessageDto message, Func<Task> send)
    {
        using var span = StartStep(MessageSpans.Deliver)
            ?.SetTag(MessageTags.Recipient, recipient)
            .SetTag(MessageTags.ConversationId, message.ConversationId.ToString())
            .SetTag(MessageTags.MessageId, message.Id.ToString());
        try
        {
            await send();
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }

    public void Dispose() => Source.Dispose();

    private Activity? StartStep(string name) => CurrentMessage == default ? null : Source.StartActivity(name);

    private static string Wire(MessageAuthor author) => author.ToString().ToLowerInvariant();
}

/// <summary>The span names of a message's path.</summary>
public static class MessageSpans
{
    public const string HubSend = "hub.send";
    public const string AgentReply = "agent.reply";
    public const string ApiPostMessage = "api.post_message";
    public const string ConsoleReply = "console.reply";
    public const string TransferNote = "transfer.note";
    public const string Validate = "message.validate";
    public const string Store = "db.insert";
    public const string BotReply = "bot.reply";
    public const string Route = "route";
    public const string Deliver = "deliver";
}

/// <summary>The tags Portal puts on its message spans.</summary>
public static class MessageTags
{
    public const string ConversationId = "portal.conversation_id";
    public const string MessageId = "portal.message_id";
    public const string MessageSeq = "portal.message_seq";
    public const string Author = "portal.author";
    public const string Channel = "portal.channel";
    public const string Recipient = "portal.recipient";
    public const string ReplyTo = "portal.reply_to";
}

public static class MessageSpanTags
{
    /// <summary>Tags the span with the message it stored (or found already stored).</summary>
    public static void Stored(this Activity? span, MessageDto message) =>
        span?.SetTag(MessageTags.MessageId, message.Id.ToString()).SetTag(MessageTags.MessageSeq, message.Seq);

    public static void Failed(this Activity? span, Exception exception) =>
        span?.SetStatus(ActivityStatusCode.Error, exception.Message);
}
