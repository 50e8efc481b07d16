using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Features.Conversations;

namespace Portal.Features.Bot.Annotation;

internal sealed class BotUtteranceConfiguration : IEntityTypeConfiguration<BotUtterance>
{
    public void Configure(EntityTypeBuilder<BotUtterance> utterance)
    {
        // A deleted conversation takes what its customer said to the bot with it.
        utterance.HasOne<Conversation>().WithMany().HasForeignKey(u => u.ConversationId).OnDelete(DeleteBehavior.Cascade);
        utterance.HasOne<PortalUser>().WithMany().HasForeignKey(u => u.LabeledById).OnDelete(DeleteBehavior.SetNull);
        utterance.Property(u => u.Text).HasMaxLength(Message.MaxTextLength);
        utterance.Property(u => u.NormalizedText).HasMaxLength(Message.MaxTextLength);
        utterance.Property(u => u.PredictedIntent).HasMaxLength(32);
        utterance.Property(u => u.ModelVersion).HasMaxLength(64);
        utterance.Property(u => u.Label).HasMaxLength(32);
        utterance.Property(u => u.LabeledById).HasMaxLength(64);
        // The annotation page reads the least confident first; the retention job deletes by age.
        utterance.HasIndex(u => new { u.Label, u.Confidence });
        utterance.HasIndex(u => u.CreatedAt);
    }
}
