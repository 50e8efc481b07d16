using Portal.Features.Orders;
using Portal.Features.Team;

namespace Portal.Tests.Features.Orders;

public sealed class OrderRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(OrderStatus.Pending, true)]
    [InlineData(OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.RefundRequested, false)]
    [InlineData(OrderStatus.Refunded, false)]
    public void Only_pending_and_paid_orders_can_be_cancelled(OrderStatus status, bool allowed) =>
        Assert.Equal(allowed, OrderRules.Allows(OrderAction.Cancel, status, isDeleted: false));

    [Theory]
    [InlineData(OrderStatus.Pending, false)]
    [InlineData(OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Shipped, true)]
    [InlineData(OrderStatus.Delivered, true)]
    [InlineData(OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.RefundRequested, false)]
    [InlineData(OrderStatus.Refunded, false)]
    public void A_refund_can_be_requested_only_for_paid_shipped_or_delivered_orders(OrderStatus status, bool allowed) =>
        Assert.Equal(allowed, OrderRules.Allows(OrderAction.RequestRefund, status, isDeleted: false));

    [Fact]
    public void The_refusal_says_why_in_words_a_person_understands()
    {
        var reason = OrderRules.WhyNot(OrderAction.Cancel, OrderStatus.Shipped, isDeleted: false);
        Assert.Equal("Only pending or paid orders can be cancelled; this one is shipped.", reason);
    }

    [Theory]
    [InlineData(OrderAction.Cancel)]
    [InlineData(OrderAction.RequestRefund)]
    [InlineData(OrderAction.Delete)]
    public void A_deleted_order_changes_only_by_being_restored(OrderAction action)
    {
        Assert.Equal("The order is deleted; restore it first.", OrderRules.WhyNot(action, OrderStatus.Paid, isDeleted: true));
        Assert.True(OrderRules.Allows(OrderAction.Restore, OrderStatus.Paid, isDeleted: true));
        Assert.False(OrderRules.Allows(OrderAction.Restore, OrderStatus.Paid, isDeleted: false));
    }

    [Fact]
    public void Cancelling_sets_the_status_and_the_time_of_the_change()
    {
        var order = new Order { Number = "1", Status = OrderStatus.Paid };
        OrderRules.Apply(OrderAction.Cancel, order, "agent", Now);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Now, order.UpdatedAt);
    }

    [Fact]
    public void Deleting_is_soft_and_restoring_brings_the_order_back_unchanged()
    {
        var order = new Order { Number = "1", Status = OrderStatus.Shipped };
        OrderRules.Apply(OrderAction.Delete, order, "admin", Now);
        Assert.Equal((Now, "admin"), (order.DeletedAt!.Value, order.DeletedById));
        Assert.Equal(OrderStatus.Shipped, order.Status);

        OrderRules.Apply(OrderAction.Restore, order, "admin", Now.AddMinutes(1));
        Assert.Null(order.DeletedAt);
        Assert.Null(order.DeletedById);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void Applying_a_refused_action_throws_and_changes_nothing()
    {
        var order = new Order { Number = "1", Status = OrderStatus.Delivered };
        Assert.Throws<InvalidOperationException>(() => OrderRules.Apply(OrderAction.Cancel, order, "agent", Now));
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Every_action_needs_its_own_permission()
    {
        Assert.Equal(Permissions.OrdersCancel, OrderRules.PermissionFor(OrderAction.Cancel));
        Assert.Equal(Permissions.OrdersRefund, OrderRules.PermissionFor(OrderAction.RequestRefund));
        Assert.Equal(Permissions.OrdersDelete, OrderRules.PermissionFor(OrderAction.Delete));
        Assert.Equal(Permissions.OrdersRestore, OrderRules.PermissionFor(OrderAction.Restore));
    }
}
