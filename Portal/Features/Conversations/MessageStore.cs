using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Monitoring;

namespace Portal.Features.Conversations;

/// <summary>
/// Stores messages with the next seq of their conversation, idempotent on clientMessageId. On a database with one writer
/// at a time (SQLite, <see cref="DatabaseWriteGate"/>) the messages that arrive while one batch is being written are
/// written together in the next, one transaction for all of them (group commit): one message per transaction, each
/// waiting for the gate in turn, capped a sales-day rush well below 1,000 messages a second. On a server database
/// writers run side by side and each message is its own transaction.
/// </summary>
public sealed class MessageStore(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    PortalMetrics metrics,
    TimeProvider clock)
{
    /// <summary>The most messages one transaction takes: a batch is written within a few milliseconds.</summary>
    internal const int MaxBatch = 64;

    // Every message with a clientMessageId looks for an earlier send of it: compiled once.
    private static readonly PerModel<Func<PortalDbContext, Guid, string, CancellationToken, Task<Message?>>> EarlierSend = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, Guid conversationId, string clientMessageId, CancellationToken _) =>
            db.Messages.AsNoTracking().FirstOrDefault(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId)));

    private readonly Lock _lock = new();
    private readonly List<PendingMessage> _waiting = [];
    private bool _writing;

    /// <exception cref="ConversationNotFoundException">The conversation does not exist.</exception>
    /// <exception cref="DbUpdateException">The write collided with another writer's; storing it again will see that write.</exception>
    public Task<AppendResult> StoreAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        if (!writeGate.SerializesWrites)
            return StoreAloneAsync(message, cancellationToken);

        var pending = new PendingMessage(message);
        bool startWriter;
        lock (_lock)
        {
            _waiting.Add(pending);
            startWriter = !_writing;
            _writing = true;
        }
        if (startWriter)
            _ = Task.Run(WriteUntilNoneWaitAsync, CancellationToken.None);
        return pending.Stored.Task;
    }

    private async Task<AppendResult> StoreAloneAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var batch = new[] { new PendingMessage(message) };
        await WriteAsync(batch, cancellationToken);
        return await batch[0].Stored.Task;
    }

    /// <summary>Writes batches while messages are waiting; a message that comes after the last batch starts a new writer.</summary>
    private async Task WriteUntilNoneWaitAsync()
    {
        while (true)
        {
            List<PendingMessage> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _waiting[..Math.Min(_waiting.Count, MaxBatch)];
                _waiting.RemoveRange(0, batch.Count);
            }
            try
            {
                using var _ = await writeGate.EnterAsync();
                await WriteAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // A batch that could not be written is written message by message, so that one message that cannot be
                // stored (or a failing disk) answers for itself and nobody else.
                if (batch.Count == 1)
                    batch[0].Stored.TrySetException(ex);
                else
                    await WriteOneByOneAsync(batch);
            }
        }
    }

    private async Task WriteOneByOneAsync(List<PendingMessage> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                using var _ = await writeGate.EnterAsync();
                await WriteAsync([pending], CancellationToken.None);
            }
            catch (Exception ex)
            {
                pending.Stored.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// One transaction for the batch; each message's caller hears its own outcome once it is committed (a message to a
    /// conversation that does not exist is refused at once: nothing of it is written).
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appended = new List<(PendingMessage Pending, Appended Appended)>(batch.Count);
        var storedHere = new Dictionary<(Guid, string), Message>();
        foreach (var pending in batch)
        {
            try
            {
                appended.Add((pending, await AppendAsync(db, pending.Message, storedHere, cancellationToken)));
            }
            catch (ConversationNotFoundException ex)
            {
                pending.Stored.TrySetException(ex);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var (pending, (message, created, channel, firstResponse, leftQueue)) in appended)
        {
            if (created)
            {
                metrics.MessageStored(channel, message.Author);
                if (firstResponse is { } waited)
                    metrics.FirstResponse(channel, waited);
            }
            pending.Stored.TrySetResult(new AppendResult(MessageDto.From(message), created, leftQueue));
        }
    }

    /// <summary>What appending one message did, known once its transaction commits.</summary>
    private sealed record Appended(Message Message, bool Created, string Channel, TimeSpan? FirstResponse, bool LeftQueue = false);

    private async Task<Appended> AppendAsync(
        PortalDbContext db, NewMessage message, Dictionary<(Guid, string), Message> storedHere, CancellationToken cancellationToken)
    {
        // Tracked: a second message to the same conversation in this batch sees the first one's seq.
        var conversation = await ConversationRowLock.FindForWriteAsync(db, message.ConversationId, cancellationToken)
            ?? throw new ConversationNotFoundException(message.ConversationId);

        if (message.ClientMessageId is { } clientMessageId)
        {
            if (storedHere.TryGetValue((message.ConversationId, clientMessageId), out var sameBatch))
                return new Appended(sameBatch, Created: false, conversation.Channel, null);
            var earlier = await EarlierSend.For(db)(db, message.ConversationId, clientMessageId, cancellationToken);
            if (earlier is not null)
                return new Appended(earlier, Created: false, conversation.Channel, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new Message
        {
            ConversationId = conversation.Id,
            Seq = conversation.LastSeq + 1,
            Author = message.Author,
            AuthorId = message.AuthorId,
            AuthorName = message.AuthorName,
            Text = message.Text,
            Private = message.Private,
            ClientMessageId = message.ClientMessageId,
            SentAt = now,
        };
        conversation.LastSeq = stored.Seq;
        conversation.LastActivityAt = now;
        if (!message.Private)
        {
            conversation.LastMessageAt = now;
            conversation.LastMessagePreview = Preview(message.Text);
        }
        TimeSpan? firstResponse = null;
        var leftQueue = false;
        if (message.Author == MessageAuthor.Agent && !message.Private)
        {
            conversation.BotActive = false;
            if (conversation.FirstRespondedAt is null)
            {
                conversation.FirstRespondedAt = now;
                firstResponse = now - conversation.AwaitingAgentSince;
            }
            if (conversation.AssigneeId is null)
            {
                // Answering a waiting customer takes the conversation: it leaves the queue and is the agent's.
                conversation.AssigneeId = message.AuthorId;
                conversation.AssignedAt = now;
                leftQueue = conversation.QueuedAt is not null;
                conversation.QueuedAt = null;
            }
        }
        if (message.Author == MessageAuthor.Customer)
        {
            conversation.UnreadByAgents++;
            if (!conversation.BotActive && conversation.FirstRespondedAt is null)
                conversation.AwaitingAgentSince ??= now;
            // A customer writing into a closed conversation brings it back to the team.
            if (conversation.Status == ConversationStatus.Closed)
            {
                conversation.Status = ConversationStatus.Open;
                conversation.ClosedAt = null;
            }
        }

        db.Messages.Add(stored);
        if (message.ClientMessageId is { } id)
            storedHere[(message.ConversationId, id)] = stored;
        return new Appended(stored, Created: true, conversation.Channel, firstResponse, leftQueue);
    }

    private static string Preview(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 140 ? oneLine : oneLine[..139] + "…";
    }

    private sealed class PendingMessage(NewMessage message)
    {
        public NewMessage Message { get; } = message;
        public TaskCompletionSource<AppendResult> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
