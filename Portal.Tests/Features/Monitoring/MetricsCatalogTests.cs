using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Features.Bot.Dialogue;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>/metrics carries every name of SPEC §4.7 and the framework instrumentation issue #5 asks for, in valid text format.</summary>
[Collection(BotCollection.Name)]
public sealed class MetricsCatalogTests(BotPortalApp bot)
{
    private PortalAppFactory App => bot.App;

    [Fact]
    public async Task A_bot_answered_and_handed_over_conversation_leaves_every_spec_metric_and_the_framework_metrics_at_metrics()
    {
        await using var customer = await BotCustomer.StartAsync(App);
        await customer.AskAsync("where is my order 1002?");
        await customer.AskAsync("I want to speak to a human");
        await using var agent = await App.ConnectAgentAsync(await App.TokenForAsync(PortalAppFactory.AdminEmail));
        await agent.InvokeAsync<ChatMessage>("Reply", customer.ConversationId, Guid.NewGuid().ToString(), "Hi, I'm here now.");

        var page = await MetricsPage.WaitForAsync(App, p => p.Has("portal_first_response_seconds_count") && p.Has("signalr_server_active_connections"));

        string[] spec =
        [
            "portal_connections_active", "portal_messages_total", "portal_message_delivery_seconds_bucket",
            "portal_conversations_waiting", "portal_first_response_seconds_bucket", "portal_bot_reply_seconds_bucket",
            "portal_bot_fallback_total",
        ];
        string[] framework =
        [
            "http_server_request_duration_seconds_count", "kestrel_active_connections", "signalr_server_active_connections",
            "microsoft_entityframeworkcore_queries_total", "microsoft_entityframeworkcore_savechanges_total",
            "dotnet_gc_collections_total", "dotnet_process_memory_working_set_bytes",
        ];
        Assert.All(spec.Concat(framework), name => Assert.True(page.Has(name), $"/metrics has no {name}."));
        Assert.Equal("histogram", page.FamilyTypes["portal_first_response_seconds"]);
        Assert.True(page.Sum("portal_bot_reply_seconds_count", ("engine", "embedded")) >= 2);
        // Every fallback reason is exported from the start, so the first fallback shows as an increase.
        Assert.Equal(["circuit_open", "http_error", "invalid_response", "timeout"],
            page.Samples.Where(s => s.Name == "portal_bot_fallback_total").Select(s => s.Labels["reason"]).Order());
    }
}
