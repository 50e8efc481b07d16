using Portal.Features.Team;

namespace Portal.Features.Orders;

/// <summary>What an agent can do to an order from the console or the API.</summary>
public enum OrderAction { Cancel, RequestRefund, Delete, Restore }

/// <summary>
/// Which actions an order allows in its current state, the permission each needs, and what each does.
/// Cancelling is for orders not yet shipped; a refund can be requested once paid; deleted orders change only by being restored.
/// </summary>
public static class OrderRules
{
    public static string PermissionFor(OrderAction action) => action switch
    {
        OrderAction.Cancel => Permissions.OrdersCancel,
        OrderAction.RequestRefund => Permissions.OrdersRefund,
        OrderAction.Delete => Permissions.OrdersDelete,
        OrderAction.Restore => Permissions.OrdersRestore,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The audit log's name for the action.</summary>
    public static string AuditName(OrderAction action) => action switch
    {
        OrderAction.Cancel => "order.cancelled",
        OrderAction.RequestRefund => "order.refund_requested",
        OrderAction.Delete => "order.deleted",
        OrderAction.Restore => "order.restored",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Why the action is not allowed on an order in this state, or null when it is.</summary>
    public static string? WhyNot(OrderAction action, OrderStatus status, bool isDeleted) => action switch
    {
        OrderAction.Restore when !isDeleted => "The order is not deleted.",
        OrderAction.Restore => null,
        _ when isDeleted => "The order is deleted; restore it first.",
        OrderAction.Cancel when status is not (OrderStatus.Pending or OrderStatus.Paid) =>
            $"Only pending or paid orders can be cancelled; this one is {Describe(status)}.",
        OrderAction.RequestRefund when status is not (OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered) =>
            $"A refund can be requested only for paid, shipped or delivered orders; this one is {Describe(status)}.",
        _ => null,
    };

    public static bool Allows(OrderAction action, OrderStatus status, bool isDeleted) => WhyNot(action, status, isDeleted) is null;

    /// <summary>Applies an allowed action.</summary>
    /// <exception cref="InvalidOperationException">The action is not allowed in the order's state.</exception>
    public static void Apply(OrderAction action, Order order, string? actorId, DateTime now)
    {
        if (WhyNot(action, order.Status, order.DeletedAt is not null) is { } reason)
            throw new InvalidOperationException(reason);
        switch (action)
        {
            case OrderAction.Cancel:
                order.Status = OrderStatus.Cancelled;
                break;
            case OrderAction.RequestRefund:
                order.Status = OrderStatus.RefundRequested;
                break;
            case OrderAction.Delete:
                (order.DeletedAt, order.DeletedById) = (now, actorId);
                return;
            case OrderAction.Restore:
                (order.DeletedAt, order.DeletedById) = (null, null);
                return;
        }
        order.UpdatedAt = now;
    }

    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.RefundRequested => "refund requested",
        _ => status.ToString().ToLowerInvariant(),
    };
}
