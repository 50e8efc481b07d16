using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Sites;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> site)
    {
        site.Property(s => s.Name).HasMaxLength(200);
        site.Property(s => s.SiteKey).HasMaxLength(64);
        site.HasIndex(s => s.SiteKey).IsUnique();
        site.Property(s => s.IdentitySecret).HasMaxLength(128);
        site.PrimitiveCollection(s => s.AllowedOrigins);
    }
}
