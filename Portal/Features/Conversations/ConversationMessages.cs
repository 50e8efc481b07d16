using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Monitoring.Traces;

namespace Portal.Features.Conversations;

/// <summary>
/// Appends messages to conversations: checked, stored with the next seq (<see cref="MessageStore"/>) before anyone is
/// told, idempotent on clientMessageId, and safe under concurrent senders; then published to whoever should hear of it.
/// </summary>
public sealed class ConversationMessages(
    IDbContextFactory<PortalDbContext> dbFactory,
    MessageStore store,
    ConversationQueries queries,
    ConversationEvents events,
    MessageTracing tracing)
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
            var result = await store.StoreAsync(message, cancellationToken);
            storing.Stored(result.Message);
            return result;
        }
        catch (Exception ex)
        {
            storing.Failed(ex);
            throw;
        }
    }

    private async Task PublishAsync(AppendResult result, CancellationToken cancellationToken)
    {
        var conversation = await queries.FindAsync(result.Message.ConversationId, cancellationToken);
        if (conversation is null)
            return;
        await events.PublishAsync(new MessageAdded(result.Message, conversation));
        await events.PublishAsync(new ConversationChanged(conversation, Queue: result.LeftQueue ? QueueEffect.Left : QueueEffect.Unchanged));
    }
}

public sealed class ConversationNotFoundException(Guid id) : Exception($"Conversation {id} does not exist.");

public sealed class MessageRejectedException(Dictionary<string, string[]> errors)
    : Exception(MessageRules.Describe(errors))
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}
