using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Features.Sites;

namespace Portal.Features.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.HasOne<Site>().WithMany().HasForeignKey(o => o.SiteId);
        order.Property(o => o.Number).HasMaxLength(64);
        order.HasIndex(o => new { o.SiteId, o.Number }).IsUnique();
        order.Property(o => o.CustomerExternalId).HasMaxLength(200);
        order.Property(o => o.CustomerEmail).HasMaxLength(320);
        order.Property(o => o.CustomerPhone).HasMaxLength(50);
        order.Property(o => o.CustomerName).HasMaxLength(200);
        order.HasIndex(o => new { o.SiteId, o.CustomerExternalId });
        order.HasIndex(o => new { o.SiteId, o.CustomerEmail });
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.ShippingAddress).HasMaxLength(500);
        order.Property(o => o.Carrier).HasMaxLength(100);
        order.Property(o => o.TrackingNumber).HasMaxLength(100);
        order.Property(o => o.DeletedById).HasMaxLength(64);
        // SQLite has no decimal type; money is stored as text so no cent is lost.
        order.Property(o => o.Total).HasConversion<string>();
        order.Property(o => o.Items)
            .HasJsonConversion(
                new ValueComparer<List<OrderItem>>((a, b) => a!.SequenceEqual(b!), items => items.Aggregate(0, HashCode.Combine), items => items.ToList()));
    }
}
