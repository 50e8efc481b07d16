using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;

namespace Portal.Features.Bot.Replies;

/// <summary>Conversations the bot has whose newest message is the customer's: the bot owes them an answer.</summary>
public sealed class UnansweredMessages(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<MessageDto>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = await (
                from conversation in db.Conversations
                where conversation.BotActive && conversation.AssigneeId == null && conversation.Status != ConversationStatus.Closed
                join message in db.Messages on new { Id = conversation.Id, Seq = conversation.LastSeq } equals new { Id = message.ConversationId, message.Seq }
                where message.Author == MessageAuthor.Customer
                select message)
            .AsNoTracking().ToListAsync(cancellationToken);
        return messages.ConvertAll(MessageDto.From);
    }
}
