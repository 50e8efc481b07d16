using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Sites;

namespace Portal.Features.Catalog;

/// <summary>
/// Stores the products a shop pushes. Upserts are idempotent: sending the same product again changes nothing and logs
/// nothing; a change is saved with its audit entry ("product.synced"), a deletion too ("product.deleted").
/// </summary>
public sealed class ProductSync(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, ProductCatalog catalog, TimeProvider clock)
{
    /// <summary>Creates or updates the product with the input's SKU (valid input only).</summary>
    public async Task<(ProductDto Product, bool Created)> UpsertAsync(Site site, ProductInput input, AuditActor actor, CancellationToken ct = default)
    {
        var sku = input.Sku!.Trim();
        ProductDto? before = null;
        ProductDto after;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var product = await db.Products.FirstOrDefaultAsync(p => p.SiteId == site.Id && p.Sku == sku, ct);
            if (product is null)
                product = db.Products.Add(new Product { SiteId = site.Id, Sku = sku, Name = "" }).Entity;
            else
                before = ProductDto.From(product);
            input.ApplyTo(product);
            if (before is not null && Comparable(ProductDto.From(product)) == Comparable(before))
                return (before, false);
            product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            after = ProductDto.From(product);
            await audit.AppendAsync(db, actor, "product.synced", AuditTarget(site.SiteKey, sku), before, after, ct);
            await db.SaveChangesAsync(ct);
        }
        catalog.Invalidate(site.Id);
        return (after, before is null);
    }

    /// <summary>Deletes the product with the SKU; null when the site has none.</summary>
    public async Task<ProductDto?> DeleteAsync(Site site, string sku, AuditActor actor, CancellationToken ct = default)
    {
        ProductDto deleted;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var product = await db.Products.FirstOrDefaultAsync(p => p.SiteId == site.Id && p.Sku == sku.Trim(), ct);
            if (product is null)
                return null;
            deleted = ProductDto.From(product);
            db.Products.Remove(product);
            await audit.AppendAsync(db, actor, "product.deleted", AuditTarget(site.SiteKey, deleted.Sku), deleted, null, ct);
            await db.SaveChangesAsync(ct);
        }
        catalog.Invalidate(site.Id);
        return deleted;
    }

    /// <summary>How the audit log names a product: its site key and SKU, as in the shop's API route.</summary>
    public static string AuditTarget(string siteKey, string sku) => $"product:{siteKey}/{sku}";

    /// <summary>A product's content as the shop sees it, without the time Portal last stored it.</summary>
    private static string Comparable(ProductDto product) => JsonSerializer.Serialize(product with { UpdatedAt = default });
}
