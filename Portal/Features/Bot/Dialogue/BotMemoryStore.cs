using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Bot.Dialogue;

/// <summary>Keeps each conversation's <see cref="BotMemory"/> between turns.</summary>
public sealed class BotMemoryStore(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    /// <summary>
    /// The conversation's memory; a fresh one starts in the language the customer's widget is set to, and every
    /// message then moves it to the script the customer writes.
    /// </summary>
    public async Task<BotMemory> LoadAsync(Guid conversationId, Guid contactId, string text, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var memory = await db.BotMemories.AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == conversationId, cancellationToken);
        if (memory is null)
        {
            var widgetLocale = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Locale).FirstOrDefaultAsync(cancellationToken);
            memory = new BotMemory { ConversationId = conversationId, Locale = ReplyLocales.FromWidget(widgetLocale) };
        }
        memory.Locale = ReplyLocales.Detect(text, memory.Locale);
        return memory;
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
