using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Bot.Annotation;
using Portal.Features.Conversations;

namespace Portal.Features.Bot.Training;

internal sealed class IntentTrainingExampleConfiguration : IEntityTypeConfiguration<IntentTrainingExample>
{
    public void Configure(EntityTypeBuilder<IntentTrainingExample> example)
    {
        example.HasOne<BotUtterance>().WithOne().HasForeignKey<IntentTrainingExample>(e => e.UtteranceId).OnDelete(DeleteBehavior.Cascade);
        example.Property(e => e.Text).HasMaxLength(Message.MaxTextLength);
        example.Property(e => e.Intent).HasMaxLength(32);
        example.Property(e => e.Locale).HasMaxLength(8);
        example.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        example.HasIndex(e => e.CreatedAt);
    }
}
