using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Conversations;

namespace Portal.Features.Bot.Dialogue;

internal sealed class BotMemoryConfiguration : IEntityTypeConfiguration<BotMemory>
{
    public void Configure(EntityTypeBuilder<BotMemory> memory)
    {
        memory.ToTable("BotMemories");
        memory.HasKey(m => m.ConversationId);
        memory.HasOne<Conversation>().WithOne().HasForeignKey<BotMemory>(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        memory.Property(m => m.Locale).HasMaxLength(8);
        memory.Property(m => m.OrderNumber).HasMaxLength(64);
        memory.Property(m => m.Phone).HasMaxLength(32);
        memory.Property(m => m.Product).HasMaxLength(200);
        memory.Property(m => m.Size).HasMaxLength(16);
        memory.Property(m => m.Colour).HasMaxLength(32);
        memory.Property(m => m.PendingIntent).HasMaxLength(32);
        memory.Property(m => m.AwaitingSlot).HasMaxLength(32);
        memory.Property(m => m.LastIntent).HasMaxLength(32);
        memory.PrimitiveCollection(m => m.Answered);
    }
}
