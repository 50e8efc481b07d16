using System.Globalization;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Tools;

/// <summary>How the bot tells a customer about an order: status, items and tracking, never the address or contact details.</summary>
public static class OrderReplies
{
    public static string Status(OrderDto order, string locale)
    {
        var status = ReplyTemplates.Render($"order.status.{order.Status}", locale);
        var text = ReplyTemplates.Render("order.status", locale, ("number", order.Number), ("items", Items(order, locale)), ("status", status));
        if (order.Carrier is { } carrier && order.TrackingNumber is { } tracking)
            text += ReplyLocales.SentenceGap(locale) + ReplyTemplates.Render("order.tracking", locale, ("carrier", carrier), ("tracking", tracking));
        return text;
    }

    private static string Items(OrderDto order, string locale)
    {
        var separator = locale == ReplyLocales.English ? ", " : "、";
        var names = order.Items.Take(3).Select(i => i.Quantity > 1 ? $"{i.Name} ×{i.Quantity.ToString(CultureInfo.InvariantCulture)}" : i.Name);
        var listed = string.Join(separator, names);
        return order.Items.Count > 3 ? listed + "…" : listed;
    }
}
