using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Conversations;

/// <summary>Floods (SPEC §6) on an app with small limits of its own.</summary>
public sealed class FloodLimitTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:FloodLimits:CustomerMessagesPerMinute"] = "5",
        ["Portal:FloodLimits:AgentMessagesPerMinute"] = "3",
    });

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_customer_sending_too_fast_gets_a_clear_error_nothing_is_stored_and_other_tabs_share_the_budget()
    {
        var session = await _app.StartWidgetSessionAsync();
        await using var tab1 = await _app.ConnectWidgetAsync(session.VisitorToken);
        await using var tab2 = await _app.ConnectWidgetAsync(session.VisitorToken);

        for (var i = 0; i < 5; i++)
            await (i % 2 == 0 ? tab1 : tab2).InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString(), $"message {i}");
        var refused = await Assert.ThrowsAsync<HubException>(() => tab2.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString(), "one too many"));

        Assert.Contains("too fast", refused.Message);
        using var api = await _app.CreateApiClientAsync();
        Assert.Equal(5, (await api.MessagesAsync(session.ConversationId)).Length);
        // The connection stays healthy: reads still work.
        Assert.Equal(5, (await tab1.InvokeAsync<JsonElement[]>("History", 0L)).Length);
    }

    [Fact]
    public async Task An_agent_replying_too_fast_over_the_hub_is_refused()
    {
        var started = await _app.StartConversationAsync();
        await using var agent = await _app.ConnectAgentAsync(await _app.TokenForAsync(PortalAppFactory.AdminEmail));

        for (var i = 0; i < 3; i++)
            await agent.InvokeAsync<JsonElement>("Reply", started.Id, Guid.NewGuid().ToString(), $"reply {i}");

        await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<JsonElement>("Reply", started.Id, Guid.NewGuid().ToString(), "one too many"));
    }
}
