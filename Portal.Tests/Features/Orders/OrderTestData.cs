using System.Net;
using System.Net.Http.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Orders;

/// <summary>An order as the API returns it (the wire shape, written out here).</summary>
public sealed record OrderView(
    Guid Id, string Number, string Status, string? CustomerExternalId, string? CustomerEmail, decimal Total, string Currency,
    OrderItemView[] Items, string? Carrier, string? TrackingNumber, DateTime UpdatedAt, DateTime? DeletedAt, string? DeletedById);

public sealed record OrderItemView(string Sku, string Name, int Quantity, decimal UnitPrice);

public static class OrderTestData
{
    /// <summary>王芳's shop user id in the demo data.</summary>
    public const string WangFang = "10086";

    public static string NewNumber(string prefix = "T") => $"{prefix}{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    public static object Body(string status = "paid", string customer = WangFang, string? name = null) => new
    {
        status,
        customerExternalId = customer,
        customerName = name ?? "王芳",
        total = 1299m,
        currency = "CNY",
        items = new[] { new { sku = "DJ-BLK-M", name = "羽绒服 Down jacket", quantity = 1, unitPrice = 1299m, size = "M", color = "黑色" } },
    };

    /// <summary>Pushes an order to the demo shop as the admin (who holds orders.sync) and returns it.</summary>
    public static async Task<OrderView> PushOrderAsync(this PortalAppFactory app, string? number = null, string status = "paid",
        string customer = WangFang)
    {
        using var admin = await app.CreateApiClientAsync();
        using var response = await admin.PutAsJsonAsync(
            $"/api/v1/orders/{PortalAppFactory.DemoSiteKey}/{number ?? NewNumber()}", Body(status, customer), Json.Options);
        return await response.ReadAsync<OrderView>(HttpStatusCode.Created);
    }
}
