using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Orders;

[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(PortalAppFactory app)
{
    private const string Trainee = "trainee@portal.local";
    private const string Supervisor = "supervisor@portal.local";
    private static readonly string Site = PortalAppFactory.DemoSiteKey;

    [Fact]
    public async Task Pushing_the_same_order_twice_creates_it_once_and_changes_nothing_the_second_time()
    {
        using var admin = await app.CreateApiClientAsync();
        var number = OrderTestData.NewNumber();
        using var first = await admin.PutAsJsonAsync($"/api/v1/orders/{Site}/{number}", OrderTestData.Body(), Json.Options);
        var created = await first.ReadAsync<OrderView>(HttpStatusCode.Created);
        using var again = await admin.PutAsJsonAsync($"/api/v1/orders/{Site}/{number}", OrderTestData.Body(), Json.Options);
        var same = await again.ReadAsync<OrderView>(HttpStatusCode.OK);

        Assert.Equal(created.Id, same.Id);
        Assert.Equal(created.UpdatedAt, same.UpdatedAt);
        var found = await admin.GetAsync<OrderView[]>($"/api/v1/orders?siteKey={Site}&customer={OrderTestData.WangFang}");
        Assert.Single(found, o => o.Number == number);
        Assert.Single(await AuditAsync(admin, number));

        using var shipped = await admin.PutAsJsonAsync($"/api/v1/orders/{Site}/{number}", OrderTestData.Body("shipped"), Json.Options);
        Assert.Equal("shipped", (await shipped.ReadAsync<OrderView>()).Status);
        Assert.Equal(2, (await AuditAsync(admin, number)).Length);
    }

    [Fact]
    public async Task An_invalid_order_is_refused_with_every_problem_named()
    {
        using var admin = await app.CreateApiClientAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/orders/{Site}/{OrderTestData.NewNumber()}", new
        {
            status = "lost", total = -1, currency = "yuan",
            items = new[] { new { name = "Scarf", quantity = 0, unitPrice = -2 } },
        }, Json.Options);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["currency", "items[0].quantity", "items[0].unitPrice", "status", "total"], fields);
    }

    [Fact]
    public async Task An_order_number_longer_than_64_characters_is_refused()
    {
        using var admin = await app.CreateApiClientAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/orders/{Site}/{new string('1', 65)}", OrderTestData.Body(), Json.Options);
        await response.AssertValidationErrorAsync("number");
    }

    [Fact]
    public async Task Pushing_to_an_unknown_site_answers_404()
    {
        using var admin = await app.CreateApiClientAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/orders/no-such-shop/1", OrderTestData.Body(), Json.Options);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_sync_with_one_invalid_order_stores_none_and_names_the_bad_one_by_index()
    {
        using var admin = await app.CreateApiClientAsync();
        var (good, bad) = (OrderTestData.NewNumber(), OrderTestData.NewNumber());
        using var response = await admin.PostJsonAsync($"/api/v1/orders/{Site}/sync", new
        {
            orders = new object[]
            {
                Input(good, "paid"),
                new { number = bad, status = "paid", total = 10, currency = "CNY", items = new[] { new { name = "Socks", quantity = -1, unitPrice = 10 } } },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["orders[1].items[0].quantity"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var stored = await admin.GetAsync<OrderView[]>($"/api/v1/orders?siteKey={Site}&customer={OrderTestData.WangFang}");
        Assert.DoesNotContain(stored, o => o.Number == good || o.Number == bad);
    }

    [Fact]
    public async Task A_valid_sync_stores_every_order_and_reports_what_it_did()
    {
        using var admin = await app.CreateApiClientAsync();
        var existing = await app.PushOrderAsync(status: "pending");
        var fresh = OrderTestData.NewNumber();
        using var response = await admin.PostJsonAsync($"/api/v1/orders/{Site}/sync",
            new { orders = new object[] { Input(existing.Number, "paid"), Input(fresh, "pending") } });

        var result = await response.ReadAsync<JsonElement>();
        Assert.Equal([fresh], result.GetProperty("created").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([existing.Number], result.GetProperty("updated").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("paid", (await admin.GetAsync<OrderView>($"/api/v1/orders/{existing.Id}")).Status);
    }

    [Fact]
    public async Task A_sync_of_more_than_500_orders_or_with_a_number_twice_is_refused()
    {
        using var admin = await app.CreateApiClientAsync();
        using var tooMany = await admin.PostJsonAsync($"/api/v1/orders/{Site}/sync",
            new { orders = Enumerable.Range(0, 501).Select(i => Input($"X{i}", "paid")).ToArray() });
        await tooMany.AssertValidationErrorAsync("orders");

        var number = OrderTestData.NewNumber();
        using var twice = await admin.PostJsonAsync($"/api/v1/orders/{Site}/sync", new { orders = new[] { Input(number, "paid"), Input(number, "shipped") } });
        await twice.AssertValidationErrorAsync("orders[1].number");
    }

    [Fact]
    public async Task Only_accounts_with_orders_sync_may_push_orders()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        using var response = await agent.PutAsJsonAsync($"/api/v1/orders/{Site}/{OrderTestData.NewNumber()}", OrderTestData.Body(), Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Trainee, "cancel", HttpStatusCode.Forbidden)]
    [InlineData(Trainee, "refund-request", HttpStatusCode.Forbidden)]
    [InlineData(Trainee, "delete", HttpStatusCode.Forbidden)]
    [InlineData(PortalAppFactory.Agent1Email, "cancel", HttpStatusCode.OK)]
    [InlineData(PortalAppFactory.Agent1Email, "refund-request", HttpStatusCode.OK)]
    [InlineData(PortalAppFactory.Agent1Email, "delete", HttpStatusCode.Forbidden)]
    [InlineData(Supervisor, "cancel", HttpStatusCode.OK)]
    [InlineData(Supervisor, "delete", HttpStatusCode.Forbidden)]
    [InlineData(PortalAppFactory.AdminEmail, "cancel", HttpStatusCode.OK)]
    [InlineData(PortalAppFactory.AdminEmail, "refund-request", HttpStatusCode.OK)]
    [InlineData(PortalAppFactory.AdminEmail, "delete", HttpStatusCode.OK)]
    public async Task Each_order_action_needs_its_own_permission(string email, string action, HttpStatusCode expected)
    {
        var order = await app.PushOrderAsync(status: "paid");
        using var client = await app.CreateApiClientAsync(email);
        using var response = await ActAsync(client, order.Id, action);

        Assert.True(expected == response.StatusCode, $"{email} {action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var admin = await app.CreateApiClientAsync();
        var after = await admin.GetAsync<OrderView>($"/api/v1/orders/{order.Id}");
        Assert.Equal(expected == HttpStatusCode.Forbidden, after.Status == "paid" && after.DeletedAt is null);
    }

    [Fact]
    public async Task Only_an_admin_may_restore_a_deleted_order_or_see_deleted_orders()
    {
        var order = await app.PushOrderAsync();
        using var admin = await app.CreateApiClientAsync();
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        (await ActAsync(admin, order.Id, "delete")).EnsureSuccessStatusCode();

        await (await agent.GetAsync($"/api/v1/orders/{order.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await agent.GetAsync($"/api/v1/orders?siteKey={Site}&includeDeleted=true")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var visible = await agent.GetAsync<OrderView[]>($"/api/v1/orders?siteKey={Site}&customer={OrderTestData.WangFang}");
        Assert.DoesNotContain(visible, o => o.Id == order.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(agent, order.Id, "restore")).StatusCode);

        var deleted = await admin.GetAsync<OrderView[]>($"/api/v1/orders?siteKey={Site}&customer={OrderTestData.WangFang}&includeDeleted=true");
        Assert.NotNull(Assert.Single(deleted, o => o.Id == order.Id).DeletedAt);
        var restored = await (await ActAsync(admin, order.Id, "restore")).ReadAsync<OrderView>();
        Assert.Null(restored.DeletedAt);
        Assert.Equal(order.Id, (await agent.GetAsync<OrderView>($"/api/v1/orders/{order.Id}")).Id);
    }

    [Fact]
    public async Task Cancelling_a_shipped_order_answers_409_saying_why()
    {
        var order = await app.PushOrderAsync(status: "shipped");
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        var problem = await (await ActAsync(agent, order.Id, "cancel")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only pending or paid orders can be cancelled; this one is shipped.", problem.GetProperty("detail").GetString());
        await (await ActAsync(agent, Guid.NewGuid(), "cancel")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_action_is_audited_with_who_from_where_and_the_state_before_and_after()
    {
        var order = await app.PushOrderAsync(status: "paid");
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        (await ActAsync(agent, order.Id, "cancel")).EnsureSuccessStatusCode();

        using var admin = await app.CreateApiClientAsync();
        var entry = Assert.Single(await AuditAsync(admin, order.Number), e => e.GetProperty("action").GetString() == "order.cancelled");
        Assert.Equal(await app.UserIdAsync(PortalAppFactory.Agent1Email), entry.GetProperty("actorId").GetString());
        Assert.Equal("李娜 Li Na", entry.GetProperty("actorName").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("ipAddress").GetString());
        Assert.Equal($"order:{Site}/{order.Number}", entry.GetProperty("target").GetString());
        Assert.Equal("paid", JsonDocument.Parse(entry.GetProperty("before").GetString()!).RootElement.GetProperty("status").GetString());
        Assert.Equal("cancelled", JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_conversation_lists_its_customers_orders()
    {
        using var trainee = await app.CreateApiClientAsync(Trainee);
        var wangFang = (await trainee.ConversationsAsync()).Single(c => c.ContactName == "王芳");
        var orders = await trainee.GetAsync<OrderView[]>($"/api/v1/conversations/{wangFang.Id}/orders");

        Assert.Contains(orders, o => o.Number == "1002");
        Assert.Contains(orders, o => o.Number == "2024112300123" && o.TrackingNumber is not null);
        Assert.DoesNotContain(orders, o => o.Number == "1001");
        Assert.All(orders, o => Assert.Equal(OrderTestData.WangFang, o.CustomerExternalId));
    }

    private static object Input(string number, string status) => new
    {
        number, status, customerExternalId = OrderTestData.WangFang, total = 10, currency = "CNY",
        items = new[] { new { name = "Socks", quantity = 1, unitPrice = 10 } },
    };

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action) => action == "delete"
        ? client.DeleteAsync($"/api/v1/orders/{id}")
        : client.PostAsync($"/api/v1/orders/{id}/{action}", null);

    private static async Task<JsonElement[]> AuditAsync(HttpClient admin, string number)
    {
        var page = await admin.GetAsync<JsonElement>($"/api/v1/audit?q={number}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
