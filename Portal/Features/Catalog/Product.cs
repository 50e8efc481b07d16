namespace Portal.Features.Catalog;

/// <summary>One size and colour of a product and how many the shop has.</summary>
public sealed record ProductVariant(string? Size, string? Colour, int Stock);

/// <summary>A shop's product, pushed by the shop (or seeded for the demo), for the bot's product and stock answers.</summary>
public sealed class Product
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }

    /// <summary>The shop's stock keeping unit, unique per site, e.g. "DJ-2024".</summary>
    public required string Sku { get; set; }
    public required string Name { get; set; }

    /// <summary>Other names shoppers use (Traditional, English, nicknames), separated by commas or spaces.</summary>
    public string? Aliases { get; set; }
    public string Description { get; set; } = "";
    public decimal Price { get; set; }
    public string Currency { get; set; } = "CNY";
    public string? Url { get; set; }
    public List<ProductVariant> Variants { get; set; } = [];
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
