using Portal.Features.Contacts;
using Portal.Features.Orders;

namespace Portal.Tests.Features.Orders;

public sealed class OrderInputTests
{
    private static readonly OrderInput Valid = new("1002", "paid", [new("DJ-1", "Down jacket", 1, 1299m)], 1299m, "CNY");

    [Fact]
    public void A_complete_order_is_valid() => Assert.Empty(Valid.Validate());

    [Fact]
    public void Every_problem_is_named_by_its_field()
    {
        var input = Valid with
        {
            Number = new string('9', 65), Status = "lost", Total = -1, Currency = "RMB1",
            Items = [new("S", "", 0, -5m)],
        };
        var errors = input.Validate("orders[2].");
        Assert.Equal(
            ["orders[2].currency", "orders[2].items[0].name", "orders[2].items[0].quantity", "orders[2].items[0].unitPrice",
             "orders[2].number", "orders[2].status", "orders[2].total"],
            errors.Keys.Order());
    }

    [Theory]
    [InlineData("paid", OrderStatus.Paid)]
    [InlineData("RefundRequested", OrderStatus.RefundRequested)]
    [InlineData("refund_requested", OrderStatus.RefundRequested)]
    [InlineData("1", null)]
    [InlineData("-1", null)]
    [InlineData("Paid,Shipped", null)]
    [InlineData("", null)]
    public void Statuses_are_read_by_name_only(string text, OrderStatus? expected) => Assert.Equal(expected, OrderInput.ParseStatus(text));

    [Fact]
    public void Orders_match_a_contact_by_shop_user_id_and_guest_orders_by_email_or_phone()
    {
        var site = Guid.NewGuid();
        var contact = new Contact { SiteId = site, ExternalId = "10086", Email = "WangFang@Example.com", Phone = "+86 138" };
        Order Make(string number, string? externalId = null, string? email = null, string? phone = null, Guid? siteId = null) =>
            new() { Number = number, SiteId = siteId ?? site, CustomerExternalId = externalId, CustomerEmail = email, CustomerPhone = phone };
        Order[] orders =
        [
            Make("by-id", externalId: "10086"),
            Make("guest-by-email", email: "wangfang@example.com"),
            Make("guest-by-phone", phone: "+86 138"),
            Make("other-account-same-email", externalId: "777", email: "wangfang@example.com"),
            Make("other-site", externalId: "10086", siteId: Guid.NewGuid()),
            Make("stranger", email: "someone@example.com"),
        ];

        var matched = orders.Where(OrderMatching.BelongsTo(contact).Compile()).Select(o => o.Number);

        Assert.Equal(["by-id", "guest-by-email", "guest-by-phone"], matched);
    }

    [Fact]
    public void A_contact_without_any_identity_has_no_orders()
    {
        var contact = new Contact { SiteId = Guid.NewGuid() };
        var order = new Order { Number = "1", SiteId = contact.SiteId };
        Assert.False(OrderMatching.BelongsTo(contact).Compile()(order));
    }
}
