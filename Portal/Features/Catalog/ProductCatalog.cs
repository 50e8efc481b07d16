using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Knowledge.Retrieval;

namespace Portal.Features.Catalog;

/// <summary>
/// Reads a site's products: by id, as a list, and by what a shopper calls them (name, other names or SKU, in either Chinese
/// script: 羽絨服 finds 羽绒服). The name index of a site is built on its first search and rebuilt after the shop's changes
/// (<see cref="Invalidate"/>); stock and prices are always read fresh.
/// </summary>
public sealed class ProductCatalog(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxListed = 200;

    /// <summary>One shared distinctive word or pair of characters with a name is enough; a shared common character is not.</summary>
    public const double MinimumScore = 1.0;

    private static readonly double[] FieldWeights = [3, 2, 2];

    private readonly ConcurrentDictionary<Guid, Lazy<Task<Bm25Index<Guid>>>> _indexes = new();

    /// <summary>
    /// The site's products that <paramref name="query"/> names, best first, at most <paramref name="take"/>. The query may be
    /// the shopper's whole message ("羽絨服有黑色M號嗎？"); an exact SKU comes first. Empty when nothing matches.
    /// </summary>
    public async Task<IReadOnlyList<ProductDto>> SearchAsync(Guid siteId, string query, int take = 3, CancellationToken ct = default)
    {
        if (take <= 0 || string.IsNullOrWhiteSpace(query))
            return [];
        var index = await IndexOfAsync(siteId, ct);
        var ranked = index.Search(query, MinimumScore).Select(m => m.Key).Take(take).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sku = query.Trim();
        var exact = await db.Products.AsNoTracking().Where(p => p.SiteId == siteId && p.Sku == sku).Select(p => p.Id).FirstOrDefaultAsync(ct);
        if (exact != Guid.Empty)
            ranked = [exact, .. ranked.Where(id => id != exact).Take(take - 1)];
        var products = await db.Products.AsNoTracking().Where(p => ranked.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. ranked.Where(products.ContainsKey).Select(id => ProductDto.From(products[id]))];
    }

    public async Task<ProductDto?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return product is null ? null : ProductDto.From(product);
    }

    /// <summary>A site's products by name, or those <paramref name="query"/> names (as <see cref="SearchAsync"/>), at most 200.</summary>
    public async Task<IReadOnlyList<ProductDto>> ListAsync(Guid siteId, string? query, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(query))
            return await SearchAsync(siteId, query, MaxListed, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.SiteId == siteId).OrderBy(p => p.Name).Take(MaxListed).ToListAsync(ct);
        return products.ConvertAll(ProductDto.From);
    }

    /// <summary>Forgets the site's name index, so the next search reads the products again.</summary>
    public void Invalidate(Guid siteId) => _indexes.TryRemove(siteId, out _);

    private async Task<Bm25Index<Guid>> IndexOfAsync(Guid siteId, CancellationToken ct)
    {
        var entry = _indexes.GetOrAdd(siteId, id => new Lazy<Task<Bm25Index<Guid>>>(() => BuildAsync(id)));
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _indexes.TryRemove(new KeyValuePair<Guid, Lazy<Task<Bm25Index<Guid>>>>(siteId, entry));
            throw;
        }
    }

    private async Task<Bm25Index<Guid>> BuildAsync(Guid siteId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var names = await db.Products.AsNoTracking().Where(p => p.SiteId == siteId)
            .Select(p => new { p.Id, p.Name, p.Aliases, p.Sku }).ToListAsync();
        // SKUs are read as words ("DJ-2024" → dj, 2024), so a shopper's "dj 2024" finds it too.
        return new Bm25Index<Guid>(names.Select(p => (p.Id, (IReadOnlyList<string?>)[p.Name, p.Aliases, p.Sku])), FieldWeights);
    }
}
