using System.Globalization;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Catalog;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Tools;

/// <summary>How the bot tells a customer about a product: its price and whether the size and colour they want are in stock.</summary>
public static class ProductReplies
{
    public static string Describe(ProductDto product, string? size, string? colour, string locale)
    {
        string stock;
        if (size is not null || colour is not null)
        {
            var variant = string.Join(" ", new[] { size, colour }.Where(v => v is not null));
            var count = product.StockOf(size, colour) ?? 0;
            stock = count > 0
                ? ReplyTemplates.Render("product.in_stock", locale, ("variant", variant), ("count", count.ToString(CultureInfo.InvariantCulture)))
                : ReplyTemplates.Render("product.out_of_stock", locale, ("variant", variant)) + Available(product, locale);
        }
        else
        {
            stock = Available(product, locale);
        }
        return ReplyTemplates.Render("product.found", locale, ("name", product.Name), ("price", Money.Format(product.Price, product.Currency)), ("stock", stock)).Trim();
    }

    private static string Available(ProductDto product, string locale)
    {
        var inStock = product.Variants.Where(v => v.Stock > 0)
            .Select(v => string.Join(" ", new[] { v.Size, v.Colour }.Where(p => !string.IsNullOrWhiteSpace(p))))
            .Where(v => v.Length > 0).Distinct().ToList();
        if (inStock.Count == 0)
            return product.TotalStock > 0 ? "" : ReplyTemplates.Render("product.out_of_stock", locale, ("variant", product.Name));
        return ReplyLocales.SentenceGap(locale) + ReplyTemplates.Render("product.sizes", locale,
            ("variants", string.Join(locale == ReplyLocales.English ? ", " : "、", inStock)));
    }
}
