using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Features.Orders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Audit;

/// <summary>An app of its own: these tests edit the audit table behind the app's back.</summary>
public sealed class AuditApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private sealed record Verification(bool Ok, int Count, long? BrokenAtId, string Detail);

    [Fact]
    public async Task The_api_has_no_way_to_change_or_remove_an_entry()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/audit", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order();
        Assert.Equal(["GET /api/v1/audit/", "GET /api/v1/audit/export.csv", "POST /api/v1/audit/verify"], routes);

        await CancelAnOrderAsync();
        using var admin = await app.CreateApiClientAsync();
        var id = (await SearchAsync(admin, ""))[0].GetProperty("id").GetInt64();
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch })
        {
            using var response = await admin.SendAsync(new HttpRequestMessage(method, $"/api/v1/audit/{id}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method}: {(int)response.StatusCode}");
        }
        Assert.Equal(id, (await SearchAsync(admin, ""))[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Verify_finds_the_entry_that_was_edited_in_the_database()
    {
        for (var i = 0; i < 3; i++)
            await CancelAnOrderAsync();
        using var admin = await app.CreateApiClientAsync();
        var intact = await VerifyAsync(admin);
        Assert.True(intact.Ok, intact.Detail);
        Assert.True(intact.Count >= 6);

        var victim = (await SearchAsync(admin, "action=order.cancelled"))[1];
        var id = victim.GetProperty("id").GetInt64();
        var actorName = victim.GetProperty("actorName").GetString()!;
        await EditActorNameAsync(id, "Someone Else");
        try
        {
            var broken = await VerifyAsync(admin);
            Assert.False(broken.Ok);
            Assert.Equal(id, broken.BrokenAtId);
            Assert.Contains($"Entry {id}", broken.Detail);
        }
        finally
        {
            await EditActorNameAsync(id, actorName);
        }
        Assert.True((await VerifyAsync(admin)).Ok);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_keeps_commas_quotes_and_newlines_inside_their_cells()
    {
        var number = await CancelAnOrderAsync(customerName: "Smith, \"JJ\"\nJr.");
        using var admin = await app.CreateApiClientAsync();
        using var response = await admin.GetAsync($"/api/v1/audit/export.csv?q={number}&action=order.cancelled");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["id", "at", "actorId", "actorName", "ipAddress", "action", "target", "before", "after", "previousHash", "hash"], rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(11, row.Length);
        Assert.Equal("order.cancelled", row[5]);
        var after = JsonDocument.Parse(row[8]).RootElement;
        Assert.Equal("Smith, \"JJ\"\nJr.", after.GetProperty("customerName").GetString());
        Assert.Equal("羽绒服 Down jacket", after.GetProperty("items")[0].GetProperty("name").GetString());

        var exported = await SearchAsync(admin, "action=audit.exported");
        Assert.Contains(exported, e => e.GetProperty("after").GetString()!.Contains(number));
    }

    [Fact]
    public async Task Search_filters_by_action_family_actor_and_time()
    {
        var number = await CancelAnOrderAsync();
        using var admin = await app.CreateApiClientAsync();
        var agentId = await app.UserIdAsync(PortalAppFactory.Agent1Email);

        Assert.Equal(["order.cancelled", "order.synced"], (await SearchAsync(admin, $"q={number}&action=order")).Select(Action).Order());
        Assert.Equal(["order.cancelled"], (await SearchAsync(admin, $"q={number}&actor={agentId}")).Select(Action));
        Assert.Equal(["order.cancelled"], (await SearchAsync(admin, $"q={number}&actor=Li%20Na")).Select(Action));
        Assert.Empty(await SearchAsync(admin, $"q={number}&from={DateTime.UtcNow.AddMinutes(5):O}"));
        Assert.Equal(2, (await SearchAsync(admin, $"q={number}&from={DateTime.UtcNow.AddMinutes(-5):O}&to={DateTime.UtcNow.AddMinutes(5):O}")).Length);

        await (await admin.GetAsync("/api/v1/audit?from=2026-02-01&to=2026-01-01")).AssertValidationErrorAsync("from");
        await (await admin.GetAsync("/api/v1/audit?page=0")).AssertValidationErrorAsync("page");
    }

    [Theory]
    [InlineData("trainee@portal.local", HttpStatusCode.Forbidden)]
    [InlineData(PortalAppFactory.Agent1Email, HttpStatusCode.Forbidden)]
    [InlineData("supervisor@portal.local", HttpStatusCode.OK)]
    public async Task Only_holders_of_audit_view_may_read_export_or_verify_the_log(string email, HttpStatusCode expected)
    {
        using var client = await app.CreateApiClientAsync(email);
        Assert.Equal(expected, (await client.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/v1/audit/export.csv")).StatusCode);
        Assert.Equal(expected, (await client.PostAsync("/api/v1/audit/verify", null)).StatusCode);
    }

    private static string Action(JsonElement entry) => entry.GetProperty("action").GetString()!;

    /// <summary>Pushes a paid order and has agent1 cancel it: two audit entries (order.synced, order.cancelled).</summary>
    private async Task<string> CancelAnOrderAsync(string? customerName = null)
    {
        var number = OrderTestData.NewNumber("A");
        using var admin = await app.CreateApiClientAsync();
        using var pushed = await admin.PutAsync($"/api/v1/orders/{PortalAppFactory.DemoSiteKey}/{number}",
            JsonContent(OrderTestData.Body(name: customerName)));
        var order = await pushed.ReadAsync<OrderView>(HttpStatusCode.Created);
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        (await agent.PostAsync($"/api/v1/orders/{order.Id}/cancel", null)).EnsureSuccessStatusCode();
        return number;
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");

    private static async Task<JsonElement[]> SearchAsync(HttpClient client, string query) =>
        [.. (await client.GetAsync<JsonElement>($"/api/v1/audit?{query}")).GetProperty("items").EnumerateArray()];

    private static async Task<Verification> VerifyAsync(HttpClient client) =>
        await (await client.PostAsync("/api/v1/audit/verify", null)).ReadAsync<Verification>();

    private async Task EditActorNameAsync(long id, string actorName)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditLog SET ActorName = {0} WHERE Id = {1}", actorName, id);
    }

    /// <summary>A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else cell.Append(c);
        }
        return rows;
    }
}
