namespace Portal.Features.Orders;

public enum OrderStatus { Pending, Paid, Shipped, Delivered, Cancelled, RefundRequested, Refunded }

/// <summary>One line of an order.</summary>
public sealed record OrderItem(string Sku, string Name, int Quantity, decimal UnitPrice, string? Size = null, string? Color = null);

/// <summary>A shop's order, pushed or synced by the shop (or seeded for the demo), shown beside the customer's conversation.</summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }

    /// <summary>The shop's order number, e.g. "1002" or "2024112300123"; unique per site.</summary>
    public required string Number { get; set; }

    /// <summary>The shop's own customer id (the id given to PortalChat.setUser), used to find a contact's orders.</summary>
    public string? CustomerExternalId { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerName { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public List<OrderItem> Items { get; set; } = [];
    public decimal Total { get; set; }
    public string Currency { get; set; } = "CNY";
    public string? ShippingAddress { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTime PlacedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Soft delete: deleted orders are hidden until an admin restores them.</summary>
    public DateTime? DeletedAt { get; set; }
    public string? DeletedById { get; set; }
}
