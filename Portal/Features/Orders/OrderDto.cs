namespace Portal.Features.Orders;

/// <summary>An order as the API, the console and the audit log show it.</summary>
public sealed record OrderDto(
    Guid Id,
    Guid SiteId,
    string Number,
    string? CustomerExternalId,
    string? CustomerEmail,
    string? CustomerPhone,
    string? CustomerName,
    OrderStatus Status,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    string Currency,
    string? ShippingAddress,
    string? Carrier,
    string? TrackingNumber,
    DateTime PlacedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt,
    string? DeletedById)
{
    public bool IsDeleted => DeletedAt is not null;

    public static OrderDto From(Order o) => new(
        o.Id, o.SiteId, o.Number, o.CustomerExternalId, o.CustomerEmail, o.CustomerPhone, o.CustomerName, o.Status,
        [.. o.Items], o.Total, o.Currency, o.ShippingAddress, o.Carrier, o.TrackingNumber, o.PlacedAt, o.UpdatedAt, o.DeletedAt, o.DeletedById);
}
