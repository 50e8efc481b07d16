using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Features.Sites;

namespace Portal.Features.Contacts;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId);
        contact.HasIndex(c => new { c.SiteId, c.ExternalId }).IsUnique();
        contact.Property(c => c.ExternalId).HasMaxLength(200);
        contact.Property(c => c.Name).HasMaxLength(200);
        contact.Property(c => c.Email).HasMaxLength(320);
        contact.Property(c => c.Phone).HasMaxLength(50);
        contact.Property(c => c.CurrentPageUrl).HasMaxLength(2048);
        contact.Property(c => c.CurrentPageTitle).HasMaxLength(500);
        contact.Property(c => c.Browser).HasMaxLength(500);
        contact.Property(c => c.TimeZone).HasMaxLength(64);
        contact.Property(c => c.Locale).HasMaxLength(16);
        contact.Ignore(c => c.DisplayName);
        contact.Property(c => c.Attributes)
            .HasJsonConversion(
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    d => new Dictionary<string, string>(d)));
    }
}
