namespace Portal.Features.Orders;

/// <summary>One line of an order as a shop sends it.</summary>
public sealed record OrderItemInput(string? Sku, string? Name, int Quantity, decimal UnitPrice, string? Size = null, string? Color = null);

/// <summary>
/// An order as a shop sends it (<c>PUT /api/v1/orders/{siteKey}/{number}</c> or inside a sync). <see cref="Status"/> is one of
/// pending, paid, shipped, delivered, cancelled, refundRequested, refunded; <see cref="Currency"/> an ISO 4217 code.
/// </summary>
public sealed record OrderInput(
    string? Number,
    string? Status,
    IReadOnlyList<OrderItemInput>? Items,
    decimal Total,
    string? Currency,
    string? CustomerExternalId = null,
    string? CustomerEmail = null,
    string? CustomerPhone = null,
    string? CustomerName = null,
    string? ShippingAddress = null,
    string? Carrier = null,
    string? TrackingNumber = null,
    DateTime? PlacedAt = null)
{
    public const int MaxItems = 200;

    /// <summary>Every problem with the order, keyed by field under <paramref name="prefix"/> (e.g. "orders[3].currency").</summary>
    public Dictionary<string, string[]> Validate(string prefix = "")
    {
        var errors = new Dictionary<string, List<string>>();
        void Fail(string field, string message) =>
            (errors.TryGetValue(prefix + field, out var list) ? list : errors[prefix + field] = []).Add(message);
        void Limit(string field, string? value, int max)
        {
            if (value is not null && value.Length > max)
                Fail(field, $"At most {max} characters.");
        }

        if (string.IsNullOrWhiteSpace(Number))
            Fail("number", "The order number is required.");
        Limit("number", Number, 64);
        if (string.IsNullOrWhiteSpace(Status))
            Fail("status", $"The status is required: one of {StatusNames}.");
        else if (ParseStatus(Status) is null)
            Fail("status", $"Unknown status '{Status}'; use one of {StatusNames}.");
        if (Total < 0)
            Fail("total", "The total must not be negative.");
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetter))
            Fail("currency", "The currency must be a three-letter ISO 4217 code such as CNY or USD.");
        if (Items is null || Items.Count == 0)
            Fail("items", "An order has at least one item.");
        else if (Items.Count > MaxItems)
            Fail("items", $"At most {MaxItems} items per order.");
        else
        {
            for (var i = 0; i < Items.Count; i++)
            {
                var item = Items[i];
                if (item is null)
                {
                    Fail($"items[{i}]", "The item is missing.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(item.Name))
                    Fail($"items[{i}].name", "The item's name is required.");
                Limit($"items[{i}].name", item.Name, 200);
                Limit($"items[{i}].sku", item.Sku, 100);
                Limit($"items[{i}].size", item.Size, 50);
                Limit($"items[{i}].color", item.Color, 50);
                if (item.Quantity <= 0)
                    Fail($"items[{i}].quantity", "The quantity must be more than 0.");
                if (item.UnitPrice < 0)
                    Fail($"items[{i}].unitPrice", "The price must not be negative.");
            }
        }
        Limit("customerExternalId", CustomerExternalId, 200);
        Limit("customerEmail", CustomerEmail, 320);
        Limit("customerPhone", CustomerPhone, 50);
        Limit("customerName", CustomerName, 200);
        Limit("shippingAddress", ShippingAddress, 500);
        Limit("carrier", Carrier, 100);
        Limit("trackingNumber", TrackingNumber, 100);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Copies the shop's data onto an order (a valid input only); Portal's own fields (id, deletion) stay.</summary>
    public void ApplyTo(Order order, DateTime now)
    {
        order.Number = Number!.Trim();
        order.Status = ParseStatus(Status)!.Value;
        order.Items = [.. Items!.Select(i => new OrderItem(i.Sku?.Trim() ?? "", i.Name!.Trim(), i.Quantity, i.UnitPrice, Blank(i.Size), Blank(i.Color)))];
        order.Total = Total;
        order.Currency = Currency!.ToUpperInvariant();
        order.CustomerExternalId = Blank(CustomerExternalId);
        order.CustomerEmail = Blank(CustomerEmail)?.ToLowerInvariant();
        order.CustomerPhone = Blank(CustomerPhone);
        order.CustomerName = Blank(CustomerName);
        order.ShippingAddress = Blank(ShippingAddress);
        order.Carrier = Blank(Carrier);
        order.TrackingNumber = Blank(TrackingNumber);
        order.PlacedAt = PlacedAt is { } placed
            ? placed.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(placed, DateTimeKind.Utc) : placed.ToUniversalTime()
            : order.PlacedAt == default ? now : order.PlacedAt;
    }

    /// <summary>A status by name, case-insensitively, "refund_requested" too; numbers are not names.</summary>
    public static OrderStatus? ParseStatus(string? status)
    {
        var name = status?.Trim().Replace("_", "");
        return Enum.GetValues<OrderStatus>().Where(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(s => (OrderStatus?)s).FirstOrDefault();
    }

    private static string StatusNames => "pending, paid, shipped, delivered, cancelled, refundRequested, refunded";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
