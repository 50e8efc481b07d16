using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Sites;

namespace Portal.Features.Conversations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId);
        conversation.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId);
        conversation.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        conversation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        conversation.Property(c => c.Channel).HasMaxLength(32);
        conversation.Property(c => c.LastMessagePreview).HasMaxLength(200);
        conversation.Property(c => c.HandoverSummary).HasMaxLength(1000);
        // Two nodes numbering the same conversation at once: the loser retries with the next seq.
        conversation.Property(c => c.LastSeq).IsConcurrencyToken();
        conversation.HasIndex(c => new { c.Status, c.LastActivityAt });
        conversation.HasIndex(c => c.ContactId);
        conversation.HasIndex(c => c.AssigneeId);
        conversation.HasOne<Routing.SupportTeam>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        conversation.HasIndex(c => new { c.TeamId, c.QueuedAt });
        // The live dashboard and alerts read recent first responses every few seconds; reports read a day's
        // conversations and those changed since the last rollup.
        conversation.HasIndex(c => c.FirstRespondedAt);
        conversation.HasIndex(c => c.CreatedAt);
        conversation.HasIndex(c => c.LastActivityAt);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId);
        message.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        message.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
        message.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.AuthorId).HasMaxLength(64);
        message.Property(m => m.AuthorName).HasMaxLength(200);
        message.Property(m => m.Text).HasMaxLength(Message.MaxTextLength);
        message.Property(m => m.ClientMessageId).HasMaxLength(100);
    }
}
