using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Conversations;

/// <summary>
/// Loads a conversation to change it inside a transaction. PostgreSQL runs writers side by side, from every app instance:
/// locking the row (<c>FOR UPDATE</c>) queues a conversation's writers there, so a message numbers after the last one and a
/// status change lands after it, instead of colliding on <see cref="Conversation.LastSeq"/>. SQLite has one writer at a time
/// already (<see cref="DatabaseWriteGate"/>).
/// </summary>
internal static class ConversationRowLock
{
    // Every message loads its conversation this way: compiled once.
    private static readonly PerModel<Func<PortalDbContext, Guid, CancellationToken, Task<Conversation?>>> ById = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, Guid id, CancellationToken _) => db.Conversations.FirstOrDefault(c => c.Id == id)));

    public static async Task<Conversation?> FindForWriteAsync(PortalDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
            return await ById.For(db)(db, conversationId, cancellationToken);
        var locked = await db.Conversations
            .FromSql($"SELECT * FROM \"Conversations\" WHERE \"Id\" = {conversationId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.SingleOrDefault();
    }
}
