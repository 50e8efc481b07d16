using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Bot.Dialogue;

/// <summary>Keeps each conversation's <see cref="BotMemory"/> between turns.</summary>
public sealed class BotMemoryStore(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    /// <summary>The conversation's memory, or a fresh one starting in <paramref name="locale"/>.</summary>
    public async Task<BotMemory> LoadAsync(Guid conversationId, string locale, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BotMemories.AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == conversationId, cancellationToken)
            ?? new BotMemory { ConversationId = conversationId, Locale = locale };
    }

    public async Task SaveAsync(BotMemory memory, CancellationToken cancellationToken)
    {
        memory.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var exists = await db.BotMemories.AnyAsync(m => m.ConversationId == memory.ConversationId, cancellationToken);
            if (exists)
                db.BotMemories.Update(memory);
            else
                db.BotMemories.Add(memory);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
