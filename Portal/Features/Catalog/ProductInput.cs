namespace Portal.Features.Catalog;

/// <summary>One size and colour of a product as a shop sends it.</summary>
public sealed record ProductVariantInput(string? Size, string? Colour, int Stock);

/// <summary>
/// A product as a shop sends it (<c>PUT /api/v1/products/{siteKey}/{sku}</c>). <see cref="Currency"/> is an ISO 4217 code;
/// <see cref="Url"/> the product's page (absolute, or a path on the shop's site); each size/colour pair appears once.
/// </summary>
public sealed record ProductInput(
    string? Sku,
    string? Name,
    decimal Price,
    string? Currency,
    IReadOnlyList<ProductVariantInput?>? Variants = null,
    string? Aliases = null,
    string? Description = null,
    string? Url = null)
{
    public const int MaxSkuLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxAliasesLength = 500;
    public const int MaxDescriptionLength = 4000;
    public const int MaxUrlLength = 500;
    public const int MaxVariants = 200;

    /// <summary>Every problem with the product, keyed by field (e.g. "variants[2].stock").</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Limit(string field, string? value, int max)
        {
            if (value is not null && value.Trim().Length > max)
                errors[field] = [$"At most {max} characters."];
        }

        if (string.IsNullOrWhiteSpace(Sku))
            errors["sku"] = ["The SKU is required."];
        Limit("sku", Sku, MaxSkuLength);
        if (string.IsNullOrWhiteSpace(Name))
            errors["name"] = ["The name is required."];
        Limit("name", Name, MaxNameLength);
        Limit("aliases", Aliases, MaxAliasesLength);
        Limit("description", Description, MaxDescriptionLength);
        if (Price < 0)
            errors["price"] = ["The price must not be negative."];
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetter))
            errors["currency"] = ["The currency must be a three-letter ISO 4217 code such as CNY or USD."];
        if (!string.IsNullOrWhiteSpace(Url) && !IsPageAddress(Url.Trim()))
            errors["url"] = ["The URL must be an http(s) address or a path starting with /."];
        Limit("url", Url, MaxUrlLength);
        if (Variants is { Count: > MaxVariants })
            errors["variants"] = [$"At most {MaxVariants} variants per product."];
        else
            ValidateVariants(errors);
        return errors;
    }

    /// <summary>Copies a valid input onto a product; Portal's own fields (id, site) stay.</summary>
    public void ApplyTo(Product product)
    {
        product.Sku = Sku!.Trim();
        product.Name = Name!.Trim();
        product.Aliases = Blank(Aliases);
        product.Description = Description?.Trim() ?? "";
        product.Price = Price;
        product.Currency = Currency!.ToUpperInvariant();
        product.Url = Blank(Url);
        product.Variants = [.. (Variants ?? []).OfType<ProductVariantInput>().Select(v => new ProductVariant(Blank(v.Size), Blank(v.Colour), v.Stock))];
    }

    private void ValidateVariants(Dictionary<string, string[]> errors)
    {
        var seen = new Dictionary<(string?, string?), int>();
        for (var i = 0; i < (Variants?.Count ?? 0); i++)
        {
            if (Variants![i] is not { } variant)
            {
                errors[$"variants[{i}]"] = ["The variant is missing."];
                continue;
            }
            if (variant.Stock < 0)
                errors[$"variants[{i}].stock"] = ["The stock must not be negative."];
            if (variant.Size?.Trim().Length > 50)
                errors[$"variants[{i}].size"] = ["At most 50 characters."];
            if (variant.Colour?.Trim().Length > 50)
                errors[$"variants[{i}].colour"] = ["At most 50 characters."];
            var key = (Blank(variant.Size)?.ToUpperInvariant(), Blank(variant.Colour)?.ToUpperInvariant());
            if (!seen.TryAdd(key, i))
                errors[$"variants[{i}]"] = [$"The same size and colour as variant {seen[key]}."];
        }
    }

    private static bool IsPageAddress(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
