using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Features.Sites;

namespace Portal.Features.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId);
        product.Property(p => p.Sku).HasMaxLength(ProductInput.MaxSkuLength);
        product.HasIndex(p => new { p.SiteId, p.Sku }).IsUnique();
        product.Property(p => p.Name).HasMaxLength(ProductInput.MaxNameLength);
        product.Property(p => p.Aliases).HasMaxLength(ProductInput.MaxAliasesLength);
        product.Property(p => p.Description).HasMaxLength(ProductInput.MaxDescriptionLength);
        product.Property(p => p.Currency).HasMaxLength(3);
        product.Property(p => p.Url).HasMaxLength(ProductInput.MaxUrlLength);
        // SQLite has no decimal type; money is stored as text so no cent is lost.
        product.Property(p => p.Price).HasConversion<string>();
        product.Property(p => p.Variants)
            .HasJsonConversion(
                new ValueComparer<List<ProductVariant>>((a, b) => a!.SequenceEqual(b!), variants => variants.Aggregate(0, HashCode.Combine), variants => variants.ToList()));
    }
}
