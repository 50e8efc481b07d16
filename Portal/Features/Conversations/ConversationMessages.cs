using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Monitoring;
using Portal.Features.Monitoring.Traces;

namespace Portal.Features.Conversations;

/// <summary>
/// Appends messages to conversations: stored (with the next seq) before anyone is told,
/// idempotent on clientMessageId, and safe under concurrent senders.
/// </summary>
public sealed class ConversationMessages(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    ConversationQueries queries,
    ConversationEvents events,
    PortalMetrics metrics,
    MessageTracing tracing,
    TimeProvider clock)
{
    private const int MaxAttempts = 5;

    /// <exception cref="ConversationNotFoundException">The conversation does not exist.</exception>
    public async Task<AppendResult> AppendAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        var errors = Validate(message);
        if (errors is not null)
            throw new MessageRejectedException(errors);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await StoreAsync(message, cancellationToken);
                if (result.Created)
                    await PublishAsync(result, cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another node took the same seq or stored the same clientMessageId first:
                // the next attempt sees its row and either numbers after it or returns it.
            }
        }
    }

    public async Task<IReadOnlyList<MessageDto>> HistoryAsync(
        Guid conversationId, long afterSeq, bool includePrivate, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq && (includePrivate || !m.Private))
            .OrderBy(m => m.Seq)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return messages.ConvertAll(MessageDto.From);
    }

    private Dictionary<string, string[]>? Validate(NewMessage message)
    {
        using var validating = tracing.StartValidate();
        var errors = MessageRules.Validate(message.Text, message.ClientMessageId);
        if (errors is not null)
            validating?.SetStatus(ActivityStatusCode.Error, MessageRules.Describe(errors));
        return errors;
    }

    private async Task<AppendResult> StoreAsync(NewMessage message, CancellationToken cancellationToken)
    {
        using var storing = tracing.StartStore(message);
        try
        {
            var result = await TryAppendAsync(message, cancellationToken);
            storing.Stored(result.Message);
            return result;
        }
        catch (Exception ex)
        {
            storing.Failed(ex);
            throw;
        }
    }

    private async Task<AppendResult> TryAppendAsync(NewMessage message, CancellationToken cancellationToken)
    {
        using var _ = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var conversation = await ConversationRowLock.FindForWriteAsync(db, message.ConversationId, cancellationToken)
            ?? throw new ConversationNotFoundException(message.ConversationId);

        if (message.ClientMessageId is not null)
        {
            var earlier = await db.Messages.AsNoTracking().FirstOrDefaultAsync(
                m => m.ConversationId == message.ConversationId && m.ClientMessageId == message.ClientMessageId,
                cancellationToken);
            if (earlier is not null)
                return new AppendResult(MessageDto.From(earlier), Created: false);
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
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.MessageStored(conversation.Channel, message.Author);
        if (firstResponse is { } waited)
            metrics.FirstResponse(conversation.Channel, waited);
        return new AppendResult(MessageDto.From(stored), Created: true);
    }

    private async Task PublishAsync(AppendResult result, CancellationToken cancellationToken)
    {
        var conversation = await queries.FindAsync(result.Message.ConversationId, cancellationToken);
        if (conversation is null)
            return;
        await events.PublishAsync(new MessageAdded(result.Message, conversation));
        await events.PublishAsync(new ConversationChanged(conversation));
    }

    private static string Preview(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 140 ? oneLine : oneLine[..139] + "…";
    }
}

public sealed class ConversationNotFoundException(Guid id) : Exception($"Conversation {id} does not exist.");

public sealed class MessageRejectedException(Dictionary<string, string[]> errors)
    : Exception(MessageRules.Describe(errors))
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}
