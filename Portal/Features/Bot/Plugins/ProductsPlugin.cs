using System.ComponentModel;
using Microsoft.SemanticKernel;
using Portal.Features.Catalog;

namespace Portal.Features.Bot.Plugins;

/// <summary>The shop's products for the LLM: price and stock per size and colour.</summary>
public sealed class ProductsPlugin(Guid siteId, ProductCatalog products)
{
    [KernelFunction("find_products"), Description("The shop's products matching a name or description (any language), with price and stock per size and colour.")]
    public async Task<string> FindProductsAsync([Description("What the shopper is looking for, e.g. 羽绒服 or down jacket")] string query, CancellationToken cancellationToken)
    {
        var found = string.IsNullOrWhiteSpace(query) ? [] : await products.SearchAsync(siteId, query, take: 3, cancellationToken);
        return OrdersPlugin.Json(found.Select(p => new
        {
            p.Sku, p.Name, p.Price, p.Currency, p.Url, p.Description,
            Variants = p.Variants.Select(v => new { v.Size, v.Colour, v.Stock }),
        }));
    }
}
