using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Bot.Annotation;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Bot.Handover;
using Portal.Features.Conversations;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Sites;

namespace Portal.Features.Bot.Replies;

/// <summary>
/// Answers customers in the conversations the bot has: every customer message there gets a bot reply (or a handover),
/// one at a time per conversation and in order, many conversations at once.
/// </summary>
public sealed class BotResponder(
    ConversationEvents events,
    ConversationQueries queries,
    ConversationMessages messages,
    SiteDirectory sites,
    BotSettingsStore settings,
    BotMemoryStore memories,
    BotReplyEngine engine,
    BotHandover handover,
    UnansweredMessages unanswered,
    BotUtterances utterances,
    IntentClassifier classifier,
    IOptionsMonitor<BotOptions> options,
    MessageTracing tracing,
    ClusterLock clusterLock,
    ILogger<BotResponder> logger) : IHostedService
{
    // Another node's catch-up waits for its answers; a node that waited this long gives up its own (the messages stay listed).
    private static readonly TimeSpan WaitForAnotherNode = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Guid, Task> _lanes = [];
    // Neither is disposed: no wait handle or timer is ever created, and the host may stop a service after disposing it.
    private readonly SemaphoreSlim _concurrency = new(options.CurrentValue.MaxConcurrentReplies);
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private Task _catchUp = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(OnEventAsync);
        _catchUp = CatchUpAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lanes)
            running = [.. _lanes.Values, _catchUp];
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Customers who wrote while the app was stopping or down still get their answer. Nodes starting together take turns
    /// (<see cref="ClusterLock"/>), each holding its turn until its answers are out, so the next finds those messages answered
    /// instead of asking the bot (and handing over) a second time.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await clusterLock.RunExclusiveAsync("bot-catch-up", WaitForAnotherNode, async ct =>
            {
                foreach (var message in await unanswered.ListAsync(ct))
                    Schedule(message);
                await IdleAsync();
            }, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "The bot could not catch up on messages stored while it was down");
        }
    }

    /// <summary>Waits until the bot has answered everything it was given so far (tests, shutdown).</summary>
    public Task IdleAsync()
    {
        lock (_lanes)
            return Task.WhenAll(_lanes.Values);
    }

    private Task OnEventAsync(ConversationEvent @event)
    {
        if (@event is MessageAdded { Message.Author: MessageAuthor.Customer, Conversation: { BotActive: true, AssigneeId: null } conversation } added
            && conversation.Status != ConversationStatus.Closed)
            Schedule(added.Message);
        return Task.CompletedTask;
    }

    private void Schedule(MessageDto message)
    {
        var id = message.ConversationId;
        // The answer comes later, in the conversation's lane; it joins the trace of the message it answers.
        var trace = tracing.CurrentMessage;
        lock (_lanes)
        {
            var previous = _lanes.GetValueOrDefault(id) ?? Task.CompletedTask;
            var next = previous.ContinueWith(_ => AnswerAsync(message, trace), CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
            _lanes[id] = next;
            next.ContinueWith(_ =>
            {
                lock (_lanes)
                    if (_lanes.TryGetValue(id, out var tail) && tail == next)
                        _lanes.Remove(id);
            }, TaskScheduler.Default);
        }
    }

    private async Task AnswerAsync(MessageDto message, ActivityContext trace)
    {
        var cancellationToken = _stopping.Token;
        try
        {
            await _concurrency.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using var span = tracing.StartBotReply(trace, message);
        try
        {
            await AnswerInTurnAsync(message, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            span.Failed(exception);
            logger.LogError(exception, "The bot failed to answer message {MessageId} in conversation {ConversationId}; handing over",
                message.Id, message.ConversationId);
            await HandOverAfterFailureAsync(message);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task AnswerInTurnAsync(MessageDto message, CancellationToken cancellationToken)
    {
        // An agent may have taken the conversation since the customer wrote: then the bot keeps quiet.
        var conversation = await queries.FindAsync(message.ConversationId, cancellationToken);
        if (conversation is not { BotActive: true, AssigneeId: null } || conversation.Status == ConversationStatus.Closed)
            return;
        var site = await sites.FindAsync(conversation.SiteId, cancellationToken);
        var memory = await memories.LoadAsync(conversation.Id, conversation.ContactId, message.Text, cancellationToken);
        var reply = site is not null && options.CurrentValue.Enabled && site.BotEnabled
            ? await engine.ReplyAsync(new BotTurn(conversation.Id, message.Id, message.Seq, site.Id, site.Name, message.Text), memory,
                await settings.GetAsync(cancellationToken), cancellationToken)
            : new BotReply("", HandoverReasons.BotOff, "none");

        var text = reply.Text;
        if (reply.HandoverReason is { } reason)
        {
            var next = await handover.HandOverAsync(memory, reason, message.Text, cancellationToken);
            text = text.Length == 0 ? next : text + ReplyLocales.SentenceGap(memory.Locale) + next;
        }
        await memories.SaveAsync(memory, cancellationToken);
        await SayAsync(conversation.Id, message.Id, text, memory.Locale, cancellationToken);
        // Kept for the annotation page, where people label what the model got wrong so the next version learns it;
        // written after the answer is out, so the customer never waits for it.
        if (reply.Classification is { } classification)
            await utterances.RecordAsync(conversation.Id, message.Id, conversation.SiteId, message.Text, classification, classifier.ActiveVersion, cancellationToken);
    }

    private async Task HandOverAfterFailureAsync(MessageDto message)
    {
        try
        {
            var conversation = await queries.FindAsync(message.ConversationId, CancellationToken.None);
            var memory = await memories.LoadAsync(message.ConversationId, conversation?.ContactId ?? Guid.Empty, message.Text, CancellationToken.None);
            var next = await handover.HandOverAsync(memory, HandoverReasons.BotError, message.Text, CancellationToken.None);
            await SayAsync(message.ConversationId, message.Id, next, memory.Locale, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Handing conversation {ConversationId} over after a bot failure failed too", message.ConversationId);
        }
    }

    private Task SayAsync(Guid conversationId, Guid answeredMessageId, string text, string locale, CancellationToken cancellationToken) =>
        // One reply per customer message, even if this runs twice: the id makes the append idempotent.
        messages.AppendAsync(new NewMessage(conversationId, MessageAuthor.Bot, null, ReplyTemplates.Render("bot.name", locale),
            text, ClientMessageId: $"bot:{answeredMessageId}"), cancellationToken);
}
