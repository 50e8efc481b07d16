using Portal.Features.Bot.Understanding;
using Portal.Features.Knowledge.Retrieval;

namespace Portal.Features.Catalog;

/// <summary>A product as the API and the bot see it.</summary>
public sealed record ProductDto(
    Guid Id,
    Guid SiteId,
    string Sku,
    string Name,
    string? Aliases,
    string Description,
    decimal Price,
    string Currency,
    string? Url,
    IReadOnlyList<ProductVariant> Variants,
    DateTime UpdatedAt)
{
    public int TotalStock => Variants.Sum(v => v.Stock);

    public static ProductDto From(Product p) =>
        new(p.Id, p.SiteId, p.Sku, p.Name, p.Aliases, p.Description, p.Price, p.Currency, p.Url, [.. p.Variants], p.UpdatedAt);

    /// <summary>
    /// How many the shop has of the size and colour a shopper asked for (either may be left out): null when the product
    /// comes in no such size or colour, 0 when it is sold out. Sizes match case-insensitively and without 码/號/size
    /// ("m码" = "M"); colours match in either Chinese script and by part ("黑" or "black" finds "黑色 Black").
    /// </summary>
    public int? StockOf(string? size = null, string? colour = null)
    {
        var matching = VariantsOf(size, colour);
        return matching.Count == 0 ? null : matching.Sum(v => v.Stock);
    }

    /// <summary>The variants of the size and colour asked for (either may be left out), e.g. to say which colours of an M are left.</summary>
    public IReadOnlyList<ProductVariant> VariantsOf(string? size = null, string? colour = null) =>
        [.. Variants.Where(v => SizeMatches(v.Size, size) && ColourMatches(v.Colour, colour))];

    private static bool SizeMatches(string? variantSize, string? asked) =>
        string.IsNullOrWhiteSpace(asked) || variantSize is not null && SizeKey(variantSize) == SizeKey(asked);

    private static string SizeKey(string size) =>
        TextNormalizer.Normalize(size).Replace("size", "").Replace("码", "").Replace("号", "").Trim().ToUpperInvariant();

    private static bool ColourMatches(string? variantColour, string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked))
            return true;
        if (variantColour is null)
            return false;
        var colour = TextNormalizer.Normalize(variantColour);
        var words = SearchTokenizer.Tokenize(variantColour);
        return TextNormalizer.Normalize(asked).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(part => part.All(char.IsAscii) ? SearchTokenizer.Tokenize(part).All(words.Contains) : colour.Contains(part, StringComparison.Ordinal));
    }
}
