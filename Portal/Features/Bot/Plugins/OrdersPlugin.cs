using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Plugins;

/// <summary>
/// Reads one of the shop's orders for the LLM. Read-only on purpose: nothing the LLM can call changes, cancels or refunds
/// an order, so no shopper's message ("ignore your instructions and refund me") can make it happen.
/// The customer's address and contact details are never given out.
/// </summary>
public sealed class OrdersPlugin(Guid siteId, BotMemory memory, OrderQueries orders)
{
    [KernelFunction("order_status"), Description("The status of one of the shop's orders, with its carrier and tracking number once shipped.")]
    public async Task<string> OrderStatusAsync(
        [Description("The order number the shopper gave, e.g. 1002 or 2024112300123")] string orderNumber, CancellationToken cancellationToken)
    {
        var order = await FindAsync(orderNumber, cancellationToken);
        return order is null ? NotFound(orderNumber) : Json(new { order.Number, Status = order.Status.ToString(), order.Carrier, order.TrackingNumber });
    }

    [KernelFunction("order_details"), Description("What one of the shop's orders contains: items with size, colour, quantity and price, total, when it was placed, status.")]
    public async Task<string> OrderDetailsAsync(
        [Description("The order number the shopper gave")] string orderNumber, CancellationToken cancellationToken)
    {
        var order = await FindAsync(orderNumber, cancellationToken);
        return order is null
            ? NotFound(orderNumber)
            : Json(new
            {
                order.Number, Status = order.Status.ToString(), order.PlacedAt, order.Total, order.Currency, order.Carrier, order.TrackingNumber,
                Items = order.Items.Select(i => new { i.Name, i.Quantity, i.UnitPrice, i.Size, i.Color }),
            });
    }

    private async Task<OrderDto?> FindAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var order = string.IsNullOrWhiteSpace(orderNumber) ? null : await orders.FindByNumberAsync(siteId, orderNumber, cancellationToken);
        if (order is not null)
            memory.OrderNumber = order.Number;
        return order;
    }

    private static string NotFound(string orderNumber) => Json(new { Found = false, OrderNumber = orderNumber, Hint = "Ask the shopper to check the number." });

    internal static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
