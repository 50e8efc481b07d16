using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Orders;

/// <summary>
/// Issue #3's story in real Chromium: a trainee sees the customer's orders but cannot change them (no buttons, and the API
/// refuses); an admin cancels and deletes one in the console, and the audit log shows both, with who and from where.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrderPermissionsBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private const string Trainee = "trainee@portal.local";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_trainee_cannot_cancel_or_delete_an_order_and_an_admin_can_and_the_audit_log_shows_it()
    {
        await using (var traineeContext = await NewContextAsync())
        {
            var console = await OpenWangFangAsync(traineeContext, Trainee, PortalAppFactory.AgentPassword);
            var order = OrderCard(console, "1002");
            await Assertions.Expect(order).ToBeVisibleAsync(Soon);
            await Assertions.Expect(order.GetByText("paid", new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(console.GetByTestId("orders-panel").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            await Assertions.Expect(console.GetByTestId("orders-show-deleted")).ToHaveCountAsync(0);
        }

        using var traineeApi = await app.CreateApiClientAsync(Trainee);
        var wangFang = (await traineeApi.ConversationsAsync()).Single(c => c.ContactName == "王芳");
        var order1002 = (await traineeApi.GetAsync<OrderView[]>($"/api/v1/conversations/{wangFang.Id}/orders")).Single(o => o.Number == "1002");
        Assert.Equal(HttpStatusCode.Forbidden, (await traineeApi.PostAsync($"/api/v1/orders/{order1002.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await traineeApi.DeleteAsync($"/api/v1/orders/{order1002.Id}")).StatusCode);
        Assert.Equal("paid", (await traineeApi.GetAsync<OrderView>($"/api/v1/orders/{order1002.Id}")).Status);

        // The admin works on an order of this test's own, so 1002 stays as the demo seeds it.
        var pushed = await app.PushOrderAsync(status: "paid");
        await using var adminContext = await NewContextAsync();
        var adminConsole = await OpenWangFangAsync(adminContext, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var card = OrderCard(adminConsole, pushed.Number);
        await Assertions.Expect(card).ToBeVisibleAsync(Soon);

        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await adminConsole.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Assertions.Expect(card.GetByText("cancelled", new() { Exact = true })).ToBeVisibleAsync(Soon);
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await adminConsole.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete order" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        await adminConsole.GotoAsync(new Uri(app.BaseAddress, "/admin/audit").ToString());
        await adminConsole.GetByPlaceholder("Order number, name, IP, any text").FillAsync(pushed.Number);
        var rows = adminConsole.GetByTestId("audit-table").Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "order.cancelled" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.Filter(new() { HasText = "order.deleted" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "order.deleted" })).ToContainTextAsync("Administrator");

        // The console's actions carry the browser's address, captured when its circuit connected.
        using var adminApi = await app.CreateApiClientAsync();
        var entries = (await adminApi.GetAsync<JsonElement>($"/api/v1/audit?q={pushed.Number}&action=order")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() is "order.cancelled" or "order.deleted").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.GetProperty("ipAddress").GetString()));
        Assert.All(entries, e => Assert.Equal("Administrator", e.GetProperty("actorName").GetString()));
    }

    private Task<IBrowserContext> NewContextAsync() =>
        chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });

    private static ILocator OrderCard(IPage console, string number) =>
        console.Locator($"[data-testid=order][data-number='{number}']");

    private async Task<IPage> OpenWangFangAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.OpenConsoleAsync(app, email, password);
        await page.Locator(".console-item", new() { HasText = "王芳" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-panel").GetByText("王芳")).ToBeVisibleAsync(Soon);
        return page;
    }
}
