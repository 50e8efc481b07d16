using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Conversations;
using Portal.Features.Team;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// Walks every API endpoint and hub of the running app (issue #3): each must be declared in <see cref="Expected"/>
/// with the access it needs, must really require it, and nobody without a permission gets through.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointPermissionsTests(PortalAppFactory app)
{
    private const string Anonymous = "anonymous";
    private const string Staff = PermissionPolicies.Staff;

    /// <summary>Every API route and the access it needs: anonymous, any active staff member, or a permission.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["POST /api/v1/auth/login"] = Anonymous,
        ["POST /api/v1/auth/refresh"] = Anonymous,
        ["POST /api/v1/widget/sessions"] = Anonymous,
        ["GET /api/v1/sites/"] = Staff,
        ["GET /api/v1/conversations/"] = Staff,
        ["GET /api/v1/conversations/{id:guid}"] = Staff,
        ["GET /api/v1/conversations/{id:guid}/messages"] = Staff,
        ["POST /api/v1/conversations/{id:guid}/messages"] = Permissions.ConversationsReply,
        ["POST /api/v1/conversations/{id:guid}/assign"] = Permissions.ConversationsAssign,
        ["POST /api/v1/conversations/{id:guid}/close"] = Permissions.ConversationsAssign,
        ["POST /api/v1/conversations/{id:guid}/reopen"] = Permissions.ConversationsAssign,
        ["POST /api/v1/conversations/{id:guid}/transfer"] = Permissions.ConversationsAssign,
        ["GET /api/v1/me/permissions"] = Staff,
        ["GET /api/v1/team/permissions"] = Staff,
        ["GET /api/v1/team/roles"] = Permissions.TeamManage,
        ["POST /api/v1/team/roles"] = Permissions.TeamManage,
        ["PUT /api/v1/team/roles/{id}"] = Permissions.TeamManage,
        ["DELETE /api/v1/team/roles/{id}"] = Permissions.TeamManage,
        ["GET /api/v1/team/people"] = Permissions.TeamManage,
        ["GET /api/v1/team/people/{id}"] = Permissions.TeamManage,
        ["POST /api/v1/team/people"] = Permissions.TeamManage,
        ["PUT /api/v1/team/people/{id}"] = Permissions.TeamManage,
        ["POST /api/v1/team/people/{id}/deactivate"] = Permissions.TeamManage,
        ["POST /api/v1/team/people/{id}/reactivate"] = Permissions.TeamManage,
        ["POST /api/v1/team/people/{id}/reset-password"] = Permissions.TeamManage,
        ["GET /api/v1/routing/teams"] = Staff,
        ["POST /api/v1/routing/teams"] = Permissions.RoutingManage,
        ["PUT /api/v1/routing/teams/{id:guid}"] = Permissions.RoutingManage,
        ["DELETE /api/v1/routing/teams/{id:guid}"] = Permissions.RoutingManage,
        ["GET /api/v1/routing/settings"] = Permissions.RoutingManage,
        ["PUT /api/v1/routing/settings"] = Permissions.RoutingManage,
        ["GET /api/v1/routing/queue"] = Staff,
        ["GET /api/v1/audit/"] = Permissions.AuditView,
        ["GET /api/v1/audit/export.csv"] = Permissions.AuditView,
        ["POST /api/v1/audit/verify"] = Permissions.AuditView,
        ["GET /api/v1/monitoring/live"] = Permissions.ReportsView,
        ["GET /api/v1/reports/"] = Permissions.ReportsView,
        ["GET /api/v1/reports/export.csv"] = Permissions.ReportsView,
        ["POST /api/v1/reports/refresh"] = Permissions.SettingsManage,
        ["GET /api/v1/traces/"] = Permissions.ReportsView,
        ["GET /api/v1/traces/{traceId}"] = Permissions.ReportsView,
        ["GET /api/v1/messages/{messageId:guid}/trace"] = Permissions.ReportsView,
        ["PUT /api/v1/orders/{siteKey}/{number}"] = Permissions.OrdersSync,
        ["POST /api/v1/orders/{siteKey}/sync"] = Permissions.OrdersSync,
        ["GET /api/v1/orders/"] = Permissions.OrdersView,
        ["GET /api/v1/orders/{id:guid}"] = Permissions.OrdersView,
        ["GET /api/v1/conversations/{id:guid}/orders"] = Permissions.OrdersView,
        ["POST /api/v1/orders/{id:guid}/cancel"] = Permissions.OrdersCancel,
        ["POST /api/v1/orders/{id:guid}/refund-request"] = Permissions.OrdersRefund,
        ["DELETE /api/v1/orders/{id:guid}"] = Permissions.OrdersDelete,
        ["POST /api/v1/orders/{id:guid}/restore"] = Permissions.OrdersRestore,
        ["GET /api/v1/shifts/templates"] = Staff,
        ["POST /api/v1/shifts/templates"] = Permissions.ShiftsManage,
        ["PUT /api/v1/shifts/templates/{id:guid}"] = Permissions.ShiftsManage,
        ["DELETE /api/v1/shifts/templates/{id:guid}"] = Permissions.ShiftsManage,
        ["GET /api/v1/shifts/schedule"] = Staff,
        ["POST /api/v1/shifts/assignments"] = Permissions.ShiftsManage,
        ["DELETE /api/v1/shifts/assignments/{id:guid}"] = Permissions.ShiftsManage,
        ["POST /api/v1/shifts/copy-week"] = Permissions.ShiftsManage,
        ["POST /api/v1/bot/classify"] = Permissions.BotTrain,
        ["GET /api/v1/bot/assistant/"] = Permissions.BotTrain,
        ["PUT /api/v1/bot/assistant/"] = Permissions.BotTrain,
        ["POST /api/v1/bot/assistant/test"] = Permissions.BotTrain,
        ["GET /api/v1/bot/settings"] = Permissions.BotTrain,
        ["PUT /api/v1/bot/settings"] = Permissions.BotTrain,
        ["PUT /api/v1/bot/sites/{siteId:guid}"] = Permissions.ChannelsManage,
        ["PUT /api/v1/bot/conversations/{id:guid}"] = Permissions.ConversationsReply,
        ["GET /api/v1/knowledge/"] = Permissions.BotTrain,
        ["GET /api/v1/knowledge/search"] = Permissions.BotTrain,
        ["GET /api/v1/knowledge/{id:guid}"] = Permissions.BotTrain,
        ["POST /api/v1/knowledge/"] = Permissions.BotTrain,
        ["PUT /api/v1/knowledge/{id:guid}"] = Permissions.BotTrain,
        ["DELETE /api/v1/knowledge/{id:guid}"] = Permissions.BotTrain,
        ["PUT /api/v1/products/{siteKey}/{sku}"] = Permissions.OrdersSync,
        ["DELETE /api/v1/products/{siteKey}/{sku}"] = Permissions.OrdersSync,
        ["GET /api/v1/products/"] = Permissions.OrdersView,
        ["GET /api/v1/products/{id:guid}"] = Permissions.OrdersView,
        ["GET /api/v1/bot/utterances"] = Permissions.BotTrain,
        ["POST /api/v1/bot/utterances/labels"] = Permissions.BotTrain,
        ["POST /api/v1/bot/utterances/unlabel"] = Permissions.BotTrain,
        ["GET /api/v1/bot/dataset.csv"] = Permissions.BotTrain,
        ["POST /api/v1/bot/dataset"] = Permissions.BotTrain,
        ["GET /api/v1/bot/models"] = Permissions.BotTrain,
        ["GET /api/v1/bot/models/training"] = Permissions.BotTrain,
        ["GET /api/v1/bot/models/{version}"] = Permissions.BotTrain,
        ["POST /api/v1/bot/models/train"] = Permissions.BotTrain,
        ["POST /api/v1/bot/models/{version}/activate"] = Permissions.BotTrain,
        ["POST /api/v1/shifts/fill-week"] = Permissions.ShiftsManage,
        ["GET /api/v1/shifts/exceptions"] = Staff,
        ["POST /api/v1/shifts/exceptions"] = Permissions.ShiftsManage,
        ["DELETE /api/v1/shifts/exceptions/{id:guid}"] = Permissions.ShiftsManage,
        ["GET /api/v1/shifts/on-now"] = Staff,
        // The shift settings also need shifts.manage OR settings.manage, checked by an endpoint filter (ShiftsApiTests).
        ["GET /api/v1/shifts/settings"] = Staff,
        ["PUT /api/v1/shifts/settings"] = Staff,
        ["GET /api/v1/alerts/"] = Permissions.ReportsView,
        ["POST /api/v1/alerts/{id:guid}/acknowledge"] = Permissions.ReportsView,
        ["GET /api/v1/alerts/rules"] = Permissions.ReportsView,
        ["POST /api/v1/alerts/rules"] = Permissions.SettingsManage,
        ["PUT /api/v1/alerts/rules/{id:guid}"] = Permissions.SettingsManage,
        ["DELETE /api/v1/alerts/rules/{id:guid}"] = Permissions.SettingsManage,
        ["GET /api/v1/alerts/webhook"] = Permissions.SettingsManage,
        ["PUT /api/v1/alerts/webhook"] = Permissions.SettingsManage,
        ["POST /api/v1/alerts/webhook/test"] = Permissions.SettingsManage,
    };

    /// <summary>Every agent hub method and the permission it needs beyond being active staff.</summary>
    private static readonly Dictionary<string, string> ExpectedAgentHubMethods = new()
    {
        [nameof(AgentHub.Reply)] = Permissions.ConversationsReply,
        [nameof(AgentHub.Typing)] = Staff,
        [nameof(AgentHub.SetPresence)] = Staff,
    };

    [Fact]
    public void Every_api_endpoint_declares_exactly_the_access_the_permission_table_gives_it()
    {
        var declared = ApiEndpoints().ToDictionary(e => e.Key, e => e.Declared);

        var undeclared = declared.Keys.Except(Expected.Keys).Order().ToList();
        var gone = Expected.Keys.Except(declared.Keys).Order().ToList();
        var different = declared.Where(e => Expected.TryGetValue(e.Key, out var expected) && expected != e.Value)
            .Select(e => $"{e.Key}: declares {e.Value}, expected {Expected[e.Key]}").ToList();

        Assert.True(undeclared.Count == 0, "Endpoints missing from the permission table: " + string.Join(", ", undeclared));
        Assert.True(gone.Count == 0, "Endpoints in the table that no longer exist: " + string.Join(", ", gone));
        Assert.True(different.Count == 0, string.Join("; ", different));
    }

    [Fact]
    public async Task No_endpoint_that_needs_a_permission_or_a_sign_in_is_reachable_without_it()
    {
        using var anonymous = app.CreateClient();
        using var powerless = app.CreateApiClient(await PowerlessTokenAsync());
        var leaks = new List<string>();

        foreach (var endpoint in ApiEndpoints().Where(e => e.Access != Anonymous))
        {
            using (var response = await anonymous.SendAsync(Request(endpoint)))
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                    leaks.Add($"{endpoint.Key} answered {(int)response.StatusCode} without a sign-in");
            if (endpoint.Access == Staff)
                continue;
            using (var response = await powerless.SendAsync(Request(endpoint)))
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    leaks.Add($"{endpoint.Key} answered {(int)response.StatusCode} to someone without {endpoint.Access}");
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task Every_agent_hub_method_is_declared_and_reply_needs_its_permission()
    {
        var methods = typeof(AgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(m => m.Name).Order().ToList();
        Assert.Equal(ExpectedAgentHubMethods.Keys.Order(), methods);

        var started = await app.StartConversationAsync();
        await using var hub = await app.ConnectAgentAsync(await PowerlessTokenAsync());
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Reply", started.Id, Guid.NewGuid().ToString(), "hi"));
        Assert.Contains("conversations.reply", refused.Message);
    }

    [Fact]
    public async Task Each_hub_accepts_only_its_own_kind_of_token()
    {
        var session = await app.StartWidgetSessionAsync();
        var staffToken = await app.TokenForAsync(PortalAppFactory.Agent1Email);

        await Assert.ThrowsAnyAsync<Exception>(() => app.BuildHubConnection(PortalAppFactory.AgentHubPath, session.VisitorToken).StartAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => app.BuildHubConnection(PortalAppFactory.WidgetHubPath, staffToken).StartAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => app.BuildHubConnection(PortalAppFactory.AgentHubPath, null).StartAsync());
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("Admin")]
    [InlineData("Supervisor")]
    [InlineData("Agent")]
    [InlineData("Trainee")]
    public async Task Each_built_in_role_reaches_exactly_the_endpoints_its_permissions_allow(string role)
    {
        using var admin = await app.CreateApiClientAsync();
        var roles = await admin.GetAsync<RoleRow[]>("/api/v1/team/roles");
        var granted = roles.Single(r => r.Name == role).Permissions.ToHashSet();
        using var member = app.CreateApiClient(await TokenForNewPersonAsync(admin, role));
        var wrong = new List<string>();

        foreach (var endpoint in ApiEndpoints().Where(e => e.Access is not (Anonymous or Staff)))
        {
            using var response = await member.SendAsync(Request(endpoint));
            var allowed = response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
            if (allowed != granted.Contains(endpoint.Access))
                wrong.Add($"{endpoint.Key} answered {(int)response.StatusCode}; {role} {(granted.Contains(endpoint.Access) ? "holds" : "lacks")} {endpoint.Access}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private sealed record RoleRow(string Id, string Name, string[] Permissions);

    /// <summary>An endpoint with the access it declares and the access the table says it needs (what the runtime checks test).</summary>
    private sealed record ApiEndpoint(string Key, string Method, string Route, string Declared)
    {
        public string Access => Expected.GetValueOrDefault(Key, Declared);
    }

    private IEnumerable<ApiEndpoint> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var route = e.RoutePattern.RawText!;
                return new ApiEndpoint($"{method} {route}", method, route, AccessOf(e));
            }))
            .Where(e => e.Route != "/api/docs/{**path}" && !e.Route.StartsWith("/api/docs", StringComparison.Ordinal))
            .DistinctBy(e => e.Key);

    /// <summary>The strongest requirement an endpoint declares: a permission policy beats staff, staff beats anonymous.</summary>
    private static string AccessOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            return Anonymous;
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        return policies.LastOrDefault(p => Permissions.Names.Contains(p)) ?? (policies.Contains(Staff) ? Staff : Anonymous);
    }

    private static HttpRequestMessage Request(ApiEndpoint endpoint)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(endpoint.Route, @"\{(\w+)(:guid)?\}",
            m => m.Groups[2].Success ? Guid.NewGuid().ToString() : "probe");
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT")
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>A signed-in staff member whose only role grants nothing.</summary>
    private async Task<string> PowerlessTokenAsync()
    {
        using var admin = await app.CreateApiClientAsync();
        var roleName = "Nothing " + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostJsonAsync("/api/v1/team/roles", new { name = roleName, permissions = Array.Empty<string>() })).EnsureSuccessStatusCode();
        return await TokenForNewPersonAsync(admin, roleName);
    }

    private async Task<string> TokenForNewPersonAsync(HttpClient admin, string role)
    {
        var email = $"walk-{Guid.NewGuid():N}@example.com";
        (await admin.PostJsonAsync("/api/v1/team/people", new { email, displayName = "Walker", roles = new[] { role }, password = "Walk-Pa55word" }))
            .EnsureSuccessStatusCode();
        return await app.LoginAsync(email, "Walk-Pa55word");
    }
}
